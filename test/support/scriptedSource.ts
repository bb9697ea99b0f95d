// A download source for tests whose outcome per track is scripted: deliver a real audio file, fail with a
// typed error, or hang until aborted (to exercise cancel, stall and crash recovery).
import { copyFile, stat } from 'node:fs/promises';
import { DownloadError, type DownloadErrorType, type DownloadSource, type FetchContext, type FetchedFile, type SourceId, type TrackWanted } from '../../src/main/base';

export type Outcome = { kind: 'deliver'; file: string; ext?: string } | { kind: 'fail'; type: DownloadErrorType; message?: string } | { kind: 'hang' };

export interface ScriptedSource extends DownloadSource {
  script: Map<number, Outcome[]>;
  calls: number[];
  cancelled: string[];
  fallback: Outcome;
}

export function scriptedSource(fallback: Outcome, id: SourceId = 'slskd'): ScriptedSource {
  const src: ScriptedSource = {
    id,
    script: new Map(),
    calls: [],
    cancelled: [],
    fallback,
    async fetch(track: TrackWanted, ctx: FetchContext): Promise<FetchedFile> {
      src.calls.push(track.trackId);
      const queue = src.script.get(track.trackId);
      const outcome = queue?.length ? queue.shift()! : src.fallback;
      ctx.setExternalRef(`ref-${track.trackId}-${src.calls.length}`);
      if (outcome.kind === 'fail') throw new DownloadError(outcome.type, outcome.message ?? `scripted ${outcome.type}`);
      if (outcome.kind === 'hang') {
        ctx.onProgress({ bytesDownloaded: 1, bytesTotal: 100, detail: 'hanging' });
        await new Promise<never>((_, reject) => {
          if (ctx.signal.aborted) reject(ctx.signal.reason);
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
        });
      }
      const deliver = outcome as { file: string; ext?: string };
      await copyFile(deliver.file, ctx.partPath);
      const size = (await stat(ctx.partPath)).size;
      ctx.onProgress({ bytesDownloaded: size, bytesTotal: size });
      return { path: ctx.partPath, ext: deliver.ext ?? 'mp3', sizeBytes: size, description: 'scripted' };
    },
    async cancel(ref: string) {
      src.cancelled.push(ref);
    },
  };
  return src;
}
