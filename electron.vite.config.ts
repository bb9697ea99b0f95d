import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

// Three targets: main (Node + electron), preload (sandboxed bridge), renderer (the React app).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: resolve('src/main/index.ts'), external: ['better-sqlite3', 'music-metadata', 'node-taglib-sharp'] },
    },
  },
  preload: {
    build: { outDir: 'out/preload', rollupOptions: { input: resolve('src/preload/index.ts') } },
  },
  renderer: {
    root: 'src/renderer',
    build: { outDir: 'out/renderer', rollupOptions: { input: resolve('src/renderer/index.html') } },
  },
});
