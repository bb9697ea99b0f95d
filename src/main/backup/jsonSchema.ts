// The JSON Schema document of the backup format (docs/backup-format/v1.schema.json), generated from the zod
// schemas Cassette reads backups with, so the published document and the reader cannot drift apart.
import { z } from 'zod';
import { BACKUP_VERSION, entrySchema, episodeSchema, fileRecordSchema, identitySchema, likesFileSchema, localFileSchema, metadataSchema, playlistFileSchema, trackSchema } from './format';

export function backupJsonSchema(): Record<string, unknown> {
  const reg = z.registry<{ id: string }>();
  const parts: [z.ZodType, string][] = [
    [identitySchema, 'identity'], [trackSchema, 'track'], [episodeSchema, 'episode'], [localFileSchema, 'localFile'],
    [entrySchema, 'entry'], [fileRecordSchema, 'fileRecord'], [metadataSchema, 'metadata'], [likesFileSchema, 'likes'], [playlistFileSchema, 'playlist'],
  ];
  for (const [schema, id] of parts) reg.add(schema, { id });
  const generated = z.toJSONSchema(reg, { target: 'draft-2020-12', uri: (id) => `#/$defs/${id}` }) as { schemas: Record<string, Record<string, unknown>> };
  const defs: Record<string, unknown> = {};
  for (const [id, s] of Object.entries(generated.schemas)) {
    const { $schema: _s, $id: _i, ...rest } = s;
    defs[id] = rest;
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://cassette.invalid/backup-format/v${BACKUP_VERSION}.schema.json`,
    title: `Cassette backup format, version ${BACKUP_VERSION}`,
    description:
      'One backup run is a folder <user id>/<UTC time>/ with metadata.json (kind "metadata", written last), likes.json (kind "likes") ' +
      'and one playlist_<id>.json (kind "playlist") per playlist; cover images are cover_<id>.jpg. Every file of a run is listed in ' +
      'metadata.json with its sha256. A track carries its provider identities in "ids" (one identity among others).',
    oneOf: [{ $ref: '#/$defs/metadata' }, { $ref: '#/$defs/likes' }, { $ref: '#/$defs/playlist' }],
    $defs: defs,
  };
}
