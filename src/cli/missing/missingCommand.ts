// `cassette missing <spotify:playlist:ID | playlist.csv | playlist.m3u8>`: which of a playlist's tracks the library
// already has, and — unless --dry-run — the playlist's tracks into the catalog and the missing ones queued.
// With --json the last stdout line is {"total","owned","toDownload","review","library","tracks"}.
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { CONNECTORS, DEFAULT_ACCOUNT, SpotifyError, type ConnectorName } from '../../main/providers';
import { LIKED_SONGS_REF, loadSpotifyLikes, loadSpotifyPlaylist, readPlaylistFile, spotifyPlaylistId, type LoadedPlaylist } from '../../main/playlists';
import type { AnalysisReport, OfflineMode } from '../../main/flows/missingTracks';
import type { Core } from '../../main/core';
import { AppError } from '../../shared/result';
import { EXIT, printJson } from '../output';
import { openCliCore } from '../openCore';

interface MissingOptions {
  account: string;
  library?: ConnectorName;
  offline?: OfflineMode;
  dryRun?: boolean;
  json?: boolean;
}

export function addMissingCommand(program: Command): void {
  program
    .command('missing')
    .description('Which tracks of a playlist your library lacks; queues them (unless --dry-run)')
    .argument('<playlist>', 'spotify:playlist:ID, spotify:liked (Liked Songs), an Exportify .csv, or an .m3u/.m3u8 file')
    .option('--account <name>', 'the Spotify account to read the playlist with', DEFAULT_ACCOUNT)
    .addOption(new Option('--library <connector>', 'the library to check against (default: [library] index in cassette.toml, else folder)').choices([...CONNECTORS]))
    .addOption(new Option('--offline <mode>', 'when the library server is unreachable: the last mirror, or every track to download').choices(['mirror', 'all']))
    .option('--dry-run', 'analyse only: refresh the mirror, write no playlist tracks, queue nothing')
    .option('--json', 'print the analysis as JSON (the last line)')
    .addHelpText(
      'after',
      '\nLibrary servers: [plex] url, [jellyfin] url, [subsonic] url and user in cassette.toml, or PLEX_URL, JELLYFIN_URL, SUBSONIC_URL, SUBSONIC_USER;\n' +
        'secrets PLEX_TOKEN, JELLYFIN_API_KEY, SUBSONIC_PASSWORD (or Settings). Without --library: [library] index (Settings), else folder.\n' +
        'An unreachable server is said on stderr and the run still exits 0.\n' +
        'Exit codes: 0 done, 2 bad input, 3 a sign-in or credential refused, 1 other.',
    )
    .action(async (ref: string, opts: MissingOptions) => {
      const core = openCliCore();
      try {
        const playlist = await loadPlaylist(core, ref, opts.account);
        const tty = process.stderr.isTTY && !opts.json;
        const report = await core.missing.analyse(playlist, {
          connector: await core.libraryConnector(opts.library),
          offline: opts.offline,
          dryRun: opts.dryRun,
          account: spotifyPlaylistId(ref) || ref === LIKED_SONGS_REF ? opts.account : undefined,
          warn: (line) => process.stderr.write(`warning: ${line}\n`),
          onProgress: (p) => {
            if (tty) process.stderr.write(`\rChecking ${p.done}/${p.total}: ${p.owned} owned, ${p.toDownload} to download, ${p.review} to review`);
          },
        });
        if (tty) process.stderr.write('\n');
        if (opts.json) printJson(jsonReport(report));
        else printSummary(playlist, report, Boolean(opts.dryRun));
      } catch (e) {
        process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = exitCodeFor(e);
      } finally {
        await core.close();
      }
    });
}

async function loadPlaylist(core: Core, ref: string, account: string): Promise<LoadedPlaylist> {
  if (ref.startsWith('spotify:') || ref.startsWith('https://open.spotify.com/')) {
    const api = await (await core.spotify()).api(account);
    return ref === LIKED_SONGS_REF ? loadSpotifyLikes(api) : loadSpotifyPlaylist(api, ref);
  }
  // A terminal's relative path means its working directory.
  return readPlaylistFile(resolve(ref));
}

/** Exactly the documented shape, tracks in playlist order. */
function jsonReport(r: AnalysisReport) {
  return {
    total: r.total,
    owned: r.owned,
    toDownload: r.toDownload,
    review: r.review,
    library: r.library,
    tracks: r.tracks.map((t) => ({ title: t.title, artists: t.artists, status: t.status, owned: t.owned, confidence: t.confidence, match: t.match })),
  };
}

function printSummary(p: LoadedPlaylist, r: AnalysisReport, dryRun: boolean): void {
  const lib = r.library;
  const from = lib.source === 'live' ? lib.connector : lib.source === 'mirror' ? `the last ${lib.connector} mirror` : 'the catalog only';
  process.stdout.write(`${p.name}: ${r.total} tracks — ${r.owned} owned, ${r.toDownload} to download, ${r.review} to review (checked against ${from})\n`);
  for (const t of r.tracks) {
    if (t.status === 'owned') continue;
    const best = t.match ? ` — closest: ${t.match.artists.join(', ')} – ${t.match.title} (${Math.round((t.confidence ?? 0) * 100)}%, ${t.match.where})` : '';
    process.stdout.write(`  ${t.status === 'review' ? 'review  ' : 'download'} ${t.artists.join(', ')} – ${t.title}${best}\n`);
  }
  if (dryRun) process.stdout.write('Dry run: nothing was written to the catalog or queued.\n');
  else process.stdout.write(`${r.queued} downloads queued; tracks in review wait for your decision.\n`);
}

function exitCodeFor(e: unknown): number {
  if (e instanceof SpotifyError) return e.isSignInProblem ? EXIT.auth : e.spotifyCode === 'invalid_input' ? EXIT.usage : EXIT.failure;
  if (e instanceof AppError) {
    if (e.code === 'invalid_input' || e.code === 'not_found') return EXIT.usage;
    if (e.code === 'auth_required' || e.code === 'auth_expired') return EXIT.auth;
  }
  return EXIT.failure;
}
