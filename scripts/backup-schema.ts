// Regenerates docs/backup-format/v1.schema.json from the backup format's zod schemas.
import { writeFileSync } from 'node:fs';
import { backupJsonSchema } from '../src/main/backup/jsonSchema';

writeFileSync(new URL('../docs/backup-format/v1.schema.json', import.meta.url), `${JSON.stringify(backupJsonSchema(), null, 2)}\n`);
