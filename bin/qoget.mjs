#!/usr/bin/env node
// Installed entry: runs the TypeScript CLI through tsx.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { register } from 'tsx/esm/api';
register();
await import(join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'qoget.ts'));
