// Which download sources a host runs, from the user's settings file (<config>/sources.json) and environment.
// Secrets come from the environment or the settings file, never argv.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Paths } from '../main/core';
import type { DownloadSource, SourceId } from '../main/sources/types';

const settingsSchema = z.object({
  defaultSource: z.enum(['slskd', 'tickets', 'qobuz']).optional(),
}).passthrough();

export interface HostSources {
  sources: Partial<Record<SourceId, DownloadSource>>;
  defaultSource: SourceId;
  notes: string[];
}

export async function loadHostSources(paths: Paths): Promise<HostSources> {
  const notes: string[] = [];
  let settings: z.infer<typeof settingsSchema> = {};
  try {
    settings = settingsSchema.parse(JSON.parse(await readFile(join(paths.configDir, 'sources.json'), 'utf8')));
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') notes.push(`Ignoring unreadable sources.json: ${(e as Error).message}`);
  }
  return { sources: {}, defaultSource: settings.defaultSource ?? 'slskd', notes };
}
