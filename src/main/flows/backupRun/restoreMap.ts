// What earlier restores into one target account did, kept in the data dir with that account: which playlist of
// the backup became which playlist of the target, and which track ids were re-matched. It is what makes a second
// restore write nothing.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { toJson, writeFileAtomic } from '../../backup';

const mapSchema = z.object({
  version: z.literal(1),
  targetUserId: z.string(),
  /** Backup playlist id → target playlist id. */
  playlists: z.record(z.string(), z.string()),
  /** Backup track URI (or key) → the URI it was re-matched to, or null when nothing matched. */
  tracks: z.record(z.string(), z.string().nullable()),
});
export type RestoreMap = z.infer<typeof mapSchema>;

export function restoreMapPath(dataDir: string, targetUserId: string): string {
  return join(dataDir, 'spotify', 'restore-maps', `${targetUserId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
}

export async function loadRestoreMap(path: string, targetUserId: string): Promise<RestoreMap> {
  try {
    const parsed = mapSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (parsed.success && parsed.data.targetUserId === targetUserId) return parsed.data;
  } catch {
    /* absent or unreadable: start a fresh map (the same-name rule still prevents duplicates) */
  }
  return { version: 1, targetUserId, playlists: {}, tracks: {} };
}

export async function saveRestoreMap(path: string, map: RestoreMap): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, toJson(map));
}
