// Reads one backup file back and says why it cannot be used: not JSON, not the format, or not the bytes the
// run's metadata recorded (sha256).
import { readFile } from 'node:fs/promises';
import { sha256 } from './atomicWrite';
import { likesFileSchema, playlistFileSchema, type LikesFile, type PlaylistFile } from './format';

export type BackupFileContent = { kind: 'likes'; data: LikesFile } | { kind: 'playlist'; data: PlaylistFile };
export type BackupFileResult = ({ ok: true; sha256: string; bytes: Buffer } & BackupFileContent) | { ok: false; reason: string };

export async function readBackupFile(path: string, expectedSha256?: string): Promise<BackupFileResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { ok: false, reason: `cannot be read (${(e as { code?: string }).code ?? (e as Error).message})` };
  }
  const digest = sha256(bytes);
  if (expectedSha256 && digest !== expectedSha256) return { ok: false, reason: 'its sha256 does not match the one in metadata.json (the file changed or is damaged)' };
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, reason: 'is not valid JSON' };
  }
  const kind = (json as { kind?: unknown } | null)?.kind;
  const schema = kind === 'likes' ? likesFileSchema : kind === 'playlist' ? playlistFileSchema : undefined;
  if (!schema) return { ok: false, reason: 'is not a Cassette backup file (no "kind" of likes or playlist)' };
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `does not match the backup format: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim() };
  }
  return kind === 'likes'
    ? { ok: true, kind: 'likes', data: parsed.data as LikesFile, sha256: digest, bytes }
    : { ok: true, kind: 'playlist', data: parsed.data as PlaylistFile, sha256: digest, bytes };
}
