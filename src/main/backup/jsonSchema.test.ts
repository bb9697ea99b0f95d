import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backupJsonSchema } from './jsonSchema';

describe('backup JSON Schema document', () => {
  it('is the one generated from the format (run `npx tsx scripts/backup-schema.ts` after changing the format)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../../docs/backup-format/v1.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(backupJsonSchema());
  });
});
