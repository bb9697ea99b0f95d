// Validates backup files against the published JSON Schema with an independent validator (ajv), not the zod
// schemas Cassette writes with.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { backupSchemaDocument } from './spotifyWorld';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(backupSchemaDocument());

/** Every .json file of the run folder that fails the schema, with the first error. */
export function schemaViolations(runDir: string): string[] {
  const bad: string[] = [];
  for (const name of readdirSync(runDir).filter((n) => n.endsWith('.json'))) {
    const data = JSON.parse(readFileSync(join(runDir, name), 'utf8'));
    if (!validate(data)) bad.push(`${name}: ${ajv.errorsText(validate.errors?.slice(0, 3))}`);
  }
  return bad;
}
