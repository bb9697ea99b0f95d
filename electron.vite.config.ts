import { defineConfig } from 'electron-vite';
import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import rendererConfig from './vite.renderer.config';

// Three targets: main (Node + electron, ESM), preload (sandboxed bridge: sandboxed preloads must be CommonJS),
// renderer (the same React build the headless host serves).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: resolve('src/main/index.ts'),
        external: ['better-sqlite3', 'music-metadata', 'node-taglib-sharp', 'sharp'],
      },
    },
    plugins: [
      {
        // The tag writer runs in a worker loaded by URL next to the bundle.
        name: 'cassette-copy-tag-worker',
        writeBundle() {
          mkdirSync(resolve('out/main'), { recursive: true });
          copyFileSync(resolve('src/main/library/tags/tagWorker.mjs'), resolve('out/main/tagWorker.mjs'));
        },
      },
    ],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: resolve('src/preload/index.ts'), output: { format: 'cjs', entryFileNames: 'index.cjs' } },
    },
  },
  renderer: {
    ...rendererConfig,
    root: 'src/renderer',
    build: { ...rendererConfig.build, outDir: resolve('out/renderer'), rollupOptions: { input: resolve('src/renderer/index.html') } },
  },
});
