// The contract's playlist and missing-tracks methods: list playlists (Spotify + analysed/imported), start an
// analysis in the background (per-track `missing.progress` events), read the persisted run state, cancel,
// and the review list with its decisions.
import { AppError } from '../../shared/result';
import type { MissingEntryDto, MissingRunDto, PeerReviewDto, PlaylistDownloadsDto, PlaylistSummaryDto, QueueRow } from '../../shared/contract';
import type { CatalogStore } from '../catalog';
import type { MissingTracks, SoulseekReview } from '../flows/missingTracks';
import { displayText } from '../flows/peerSearch';
import type { PeerReview } from '../playlists';
import {
  LIKED_SONGS_NAME, LIKED_SONGS_REF, loadSpotifyLikes, loadSpotifyPlaylist, readPlaylistFile, spotifyPlaylistId, type LoadedPlaylist, type PlaylistStore, type RunRow, type StoredEntry,
} from '../playlists';
import { DEFAULT_ACCOUNT, SpotifyError, type ConnectorName, type LibraryConnector, type SpotifyProvider } from '../providers';
import type { EventHub } from './eventHub';
import type { Handlers } from './createCore';
import type { Logger } from '../base';

export interface MissingHandlerDeps {
  missing: MissingTracks;
  review: SoulseekReview;
  /** Queue rows as the Downloads page shows them. */
  queueRow(itemId: number): QueueRow;
  playlists: PlaylistStore;
  catalog: CatalogStore;
  /** Cancels the waiting or running download of each track that has one; how many it cancelled. */
  cancelTrackDownloads(trackIds: number[]): Promise<number>;
  events: EventHub;
  logger: Logger;
  spotify(): Promise<SpotifyProvider>;
  /** "Keep my likes" (`[spotify] keep_likes`): Liked Songs are listed and may be analysed like a playlist. */
  keepLikes(): Promise<boolean>;
  /** Without a name: the library Settings chose (`[library] index`). */
  libraryConnector(name?: ConnectorName): Promise<LibraryConnector>;
}

type Names =
  | 'playlists.list' | 'missing.analyse' | 'missing.preview' | 'missing.state' | 'missing.cancel' | 'missing.review' | 'missing.decide' | 'missing.downloads'
  | 'missing.cancelDownloads' | 'missing.candidates' | 'missing.pick' | 'missing.searchAgain' | 'missing.ignore';

export function missingHandlers(d: MissingHandlerDeps): Pick<Handlers, Names> {
  const entryDto = (e: StoredEntry): MissingEntryDto => ({
    key: e.key, position: e.position, title: e.title, artists: e.artists, album: e.album ?? null, status: e.status, confidence: e.confidence,
    match: e.match, decision: e.decision, trackId: e.trackId, awaiting: d.review.awaiting(e), ignored: e.ignored,
  });
  const runDto = (run: RunRow): MissingRunDto => {
    const p = d.playlists.get(run.playlistId);
    const lib = run.library as MissingRunDto['library'] | null;
    return {
      runId: run.id, playlistId: run.playlistId, ref: p?.ref ?? '', name: p?.name ?? '', state: run.state, done: run.done, total: run.total,
      owned: run.owned, toDownload: run.toDownload, review: run.review, library: lib && lib.connector ? lib : null, error: run.error,
      startedAt: run.startedAt, finishedAt: run.finishedAt,
    };
  };
  const playlistId = (ref: string): number => {
    const p = d.playlists.byRef(ref);
    if (!p) throw new AppError('not_found', `The playlist ${ref} has not been analysed yet.`);
    return p.id;
  };
  const load = async (ref: string, account: string): Promise<LoadedPlaylist> => {
    if (ref === LIKED_SONGS_REF) {
      if (!(await d.keepLikes())) throw new AppError('invalid_input', 'Liked Songs are checked only with "Keep my likes" on (Settings → Spotify).');
      return loadSpotifyLikes(await (await d.spotify()).api(account));
    }
    if (spotifyPlaylistId(ref)) return loadSpotifyPlaylist(await (await d.spotify()).api(account), ref);
    return readPlaylistFile(ref);
  };
  return {
    'playlists.list': async (input) => {
      const account = input?.account ?? DEFAULT_ACCOUNT;
      const out = new Map<string, PlaylistSummaryDto>();
      for (const p of d.playlists.list()) out.set(p.ref, { ref: p.ref, kind: p.kind, name: p.name, tracks: p.tracks, playlistId: p.id, account: p.account });
      const keepLikes = await d.keepLikes();
      try {
        const api = await (await d.spotify()).api(account);
        if (keepLikes) {
          const known = out.get(LIKED_SONGS_REF);
          const likes = await api.savedTracks(0, 1);
          out.set(LIKED_SONGS_REF, {
            ref: LIKED_SONGS_REF, kind: 'spotify', name: LIKED_SONGS_NAME, tracks: likes.total, playlistId: known?.playlistId ?? null, account: known?.account ?? account,
          });
        }
        for (let offset = 0; ; ) {
          const page = await api.myPlaylists(offset);
          for (const sp of page.items) {
            const ref = `spotify:playlist:${sp.id}`;
            const known = out.get(ref);
            out.set(ref, {
              ref, kind: 'spotify', name: sp.name, tracks: sp.items?.total ?? sp.tracks?.total ?? known?.tracks ?? null,
              playlistId: known?.playlistId ?? null, account,
            });
          }
          offset += page.items.length;
          if (!page.next || page.items.length === 0) break;
        }
      } catch (e) {
        // Not signed in to Spotify: the imported playlists are still listed.
        if (!(e instanceof SpotifyError && e.isSignInProblem)) throw e;
      }
      // Liked Songs first while they are kept; analysed before, they stay listed (with their run) when turned off.
      const liked = out.get(LIKED_SONGS_REF);
      return liked ? [liked, ...[...out.values()].filter((p) => p !== liked)] : [...out.values()];
    },
    'missing.analyse': async ({ playlist, library, offline, account }) => {
      const playlistRef = playlist;
      const loaded = await load(playlistRef, account ?? DEFAULT_ACCOUNT);
      const connector = await d.libraryConnector(library);
      return new Promise<MissingRunDto>((resolve, reject) => {
        let started = false;
        d.missing
          .analyse(loaded, {
            connector, offline, account: isSpotifyRef(playlistRef) ? (account ?? DEFAULT_ACCOUNT) : undefined,
            onRun: (runId) => {
              started = true;
              resolve(runDto(d.playlists.run(runId)!));
            },
            onProgress: (p) => {
              if (p.runId === null) return;
              const run = d.playlists.run(p.runId);
              if (!run) return;
              d.events.emit('missing.progress', {
                ...runDto(run), done: p.done, owned: p.owned, toDownload: p.toDownload, review: p.review,
                track: p.track ? { title: p.track.title, artists: p.track.artists, status: p.track.status, confidence: p.track.confidence } : null,
              });
            },
          })
          .then((report) => {
            if (report.runId === null) return;
            const run = d.playlists.run(report.runId);
            if (run) d.events.emit('missing.progress', { ...runDto(run), track: null });
          })
          .catch((e: unknown) => {
            if (!started) reject(e instanceof Error ? e : new Error(String(e)));
            else d.logger.warn(`The analysis of ${loaded.name} failed: ${e instanceof Error ? e.message : String(e)}`);
          });
      });
    },
    'missing.preview': async ({ playlist, library, offline, account }) => {
      const loaded = await load(playlist, account ?? DEFAULT_ACCOUNT);
      const r = await d.missing.analyse(loaded, { connector: await d.libraryConnector(library), offline, dryRun: true, warn: (line) => d.logger.warn(line) });
      return {
        name: loaded.name, total: r.total, owned: r.owned, toDownload: r.toDownload, review: r.review, library: r.library,
        tracks: r.tracks.map((t) => ({ title: t.title, artists: t.artists, status: t.status, confidence: t.confidence, match: t.match })),
      };
    },
    'missing.state': async (input) => {
      const ids = input?.playlist ? [playlistId(input.playlist)] : d.playlists.list().map((p) => p.id);
      return ids.map((id) => d.playlists.latestRun(id)).filter((r): r is RunRow => r !== undefined).map(runDto);
    },
    'missing.cancel': async ({ runId }) => {
      const run = d.playlists.run(runId);
      if (!run) throw new AppError('not_found', `No analysis run ${runId}.`);
      d.missing.cancel(runId);
      return runDto(d.playlists.run(runId)!);
    },
    'missing.review': async ({ playlist, all }) => {
      const list = d.playlists.entries(playlistId(playlist)).map(entryDto);
      return all ? list : list.filter((e) => e.awaiting !== null);
    },
    'missing.downloads': async ({ playlist }) => {
      const id = playlistId(playlist);
      const out: PlaylistDownloadsDto = {
        counts: { tracks: 0, missing: 0, queued: 0, downloading: 0, downloaded: 0, failed: 0, review: 0, ignored: 0 }, entries: [], summary: d.missing.summary(id),
      };
      for (const e of d.playlists.entries(id)) {
        const t = e.trackId === null ? undefined : d.catalog.getTrack(e.trackId);
        if (!t) continue;
        out.counts.tracks++;
        if (e.ignored && t.status !== 'downloaded') out.counts.ignored++;
        else if (t.status === 'failed' && t.error_type === 'needs_review') out.counts.review++;
        else out.counts[t.status]++;
        out.entries.push({ key: e.key, trackId: t.id, status: t.status, error: t.last_error });
      }
      return out;
    },
    'missing.cancelDownloads': async ({ playlist }) => {
      const ids = d.playlists.entries(playlistId(playlist)).flatMap((e) => (e.trackId === null ? [] : [e.trackId]));
      return { cancelled: await d.cancelTrackDownloads(ids) };
    },
    'missing.decide': async ({ playlist, key, decision }) => entryDto(d.missing.decide(playlistId(playlist), key, decision)),
    'missing.candidates': async ({ playlist, key }) => reviewDto(key, d.review.candidates(playlistId(playlist), key)),
    'missing.pick': async ({ playlist, key, username, filename }) => d.queueRow(d.review.pick(playlistId(playlist), key, username, filename).id),
    'missing.searchAgain': async ({ playlist, key, query }) => reviewDto(key, await d.review.searchAgain(playlistId(playlist), key, query)),
    'missing.ignore': async ({ playlist, key, ignored }) => entryDto(await d.review.ignore(playlistId(playlist), key, ignored)),
  };
}

const isSpotifyRef = (ref: string): boolean => ref === LIKED_SONGS_REF || spotifyPlaylistId(ref) !== undefined;

function reviewDto(key: string, r: PeerReview): PeerReviewDto {
  return {
    key,
    query: r.query,
    searchedAt: r.updatedAt || null,
    candidates: r.candidates.map((c) => {
      const parts = c.filename.split(/[\\/]+/).filter(Boolean);
      const breakdown: PeerReviewDto['candidates'][number]['breakdown'] = {};
      for (const [name, entry] of Object.entries(c.breakdown)) if (entry) breakdown[name] = entry;
      return {
        username: c.username,
        filename: c.filename,
        name: displayText(parts[parts.length - 1] ?? c.filename),
        folder: displayText(parts[parts.length - 2] ?? ''),
        size: c.size,
        quality: c.quality,
        bitRate: c.bitRate ?? null,
        bitDepth: c.bitDepth ?? null,
        sampleRate: c.sampleRate ?? null,
        lengthSec: c.lengthSec ?? null,
        score: c.score,
        breakdown,
        peer: c.peer,
      };
    }),
  };
}
