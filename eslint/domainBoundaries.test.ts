// The map's lint rule, run on made-up files: deep imports across units and upward arrows fail; faces pass.
import { Linter } from 'eslint';
import { resolve } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import cassette from './domainBoundaries.js';

function problems(file: string, code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { cassette }, rules: { 'cassette/domain-boundaries': 'error' } }],
    resolve(file),
  );
  return messages.map((m) => m.message);
}

describe('cassette/domain-boundaries', () => {
  it.each([
    ['src/main/queue/processor.ts', "import { CatalogStore } from '../catalog';"],
    ['src/main/queue/processor.ts', "import { CatalogStore } from '../catalog/index';"],
    ['src/main/queue/processor.ts', "import type { Clock } from '../base';"],
    ['src/main/queue/processor.ts', "import { x } from './queueStore';"],
    ['src/main/sources/slskd/rank.ts', "import { x } from '../qobuz/client';"],
    ['src/main/flows/qobuzSync/runSync.ts', "import { QueueStore } from '../../queue';"],
    ['src/main/core/createCore.ts', "import { QobuzService } from '../flows/qobuzSync';"],
    ['src/server/headlessHost.ts', "import { createCore } from '../main/core';"],
    ['src/main/index.ts', "import { createWindow } from './electron/window';"],
    ['src/main/queue/processor.test.ts', "import { x } from '../catalog/catalogStore';"],
  ])('%s: %s passes', (file, code) => {
    expect(problems(file, code)).toEqual([]);
  });

  it.each([
    ['src/main/queue/processor.ts', "import { CatalogStore } from '../catalog/catalogStore';", 'reaches inside catalog/'],
    ['src/main/flows/qobuzSync/runSync.ts', "import { x } from '../../sources/qobuz';", 'reaches inside sources/'],
    ['src/main/flows/qobuzSync/runSync.ts', "export * from '../../net/http';", 'reaches inside net/'],
    ['src/server/main.ts', "import { x } from '../main/queue/queueStore';", 'reaches inside queue/'],
    ['src/main/queue/processor.ts', "import { createCore } from '../core';", 'may not import core/'],
    ['src/main/library/validate.ts', "import { x } from '../flows/qobuzSync';", 'may not import flows/qobuzSync/'],
    ['src/main/flows/qobuzSync/runSync.ts', "import type { Core } from '../../core';", 'may not import core/'],
    ['src/main/base/ports.ts', "import type { Db } from '../db';", 'may not import db/'],
    ['src/main/catalog/reconcile.ts', "const m = import('../queue/processor');", 'reaches inside queue/'],
  ])('%s: %s fails', (file, code, why) => {
    const found = problems(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(why);
  });
});
