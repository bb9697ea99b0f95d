// `cassette backup`, `cassette restore` and `cassette backups list|diff|export`: Spotify likes and playlists as
// plain, versioned JSON files, and back into an account without duplicates.
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { diffRuns, exportRun, listRuns, loadFiles, loadRun, readMetadata, type ExportFormat } from '../../main/backup';
import { restoreBackup, runBackup, spotifyBackupSource, type BackupRunResult } from '../../main/flows/backupRun';
import { DEFAULT_ACCOUNT } from '../../main/providers';
import { AppError } from '../../shared/result';
import { printJson } from '../output';
import { reportError, SPOTIFY_EXIT } from '../spotify/exitCodes';
import { openSpotifyContext } from '../spotify/spotifyContext';

const BACKUP_EXIT: Record<BackupRunResult['status'], number> = { complete: SPOTIFY_EXIT.ok, partial: SPOTIFY_EXIT.partial, paused: SPOTIFY_EXIT.paused, failed: SPOTIFY_EXIT.failure };

export function addBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Back up the likes and playlists of a Spotify account into <out>/<user id>/<time>/')
    .option('--account <name>', 'the signed-in account to back up', DEFAULT_ACCOUNT)
    .option('--out <dir>', 'the backups root (default <data>/backups)')
    .option('--resume', 'continue the newest paused run of this account')
    .option('--json', 'print a JSON summary as the last line')
    .addHelpText('after', '\nExit codes: 0 complete, 2 bad input, 3 sign-in problem (run failed), 4 partial, 5 paused by quota (run again with --resume), 1 other failure.')
    .action(async (opts: { account: string; out?: string; resume?: boolean; json?: boolean }) => {
      const ctx = await openSpotifyContext();
      try {
        const api = await ctx.provider.api(opts.account);
        for (const x of await ctx.provider.expiringConsents()) {
          process.stderr.write(`warning: the sign-in of account ${x.account} expires around ${new Date(x.expiresAt).toISOString().slice(0, 10)}; sign in again before then.\n`);
        }
        const tty = process.stderr.isTTY;
        const r = await runBackup({
          source: spotifyBackupSource(api),
          root: resolve(ctx.backupsRoot(opts.out)),
          keepRuns: ctx.settings.spotify.keepRuns,
          resume: opts.resume,
          onProgress: (p) => {
            if (p.phase === 'done') return;
            const line = p.phase === 'likes' ? 'Backing up likes…' : `Playlists ${p.done}/${p.total}: ${p.message}`;
            process.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
          },
        });
        if (tty) process.stderr.write('\n');
        for (const n of r.notes) process.stderr.write(`${n}\n`);
        if (r.reason) process.stderr.write(`${r.status === 'paused' ? 'paused' : 'error'}: ${r.reason}\n`);
        if (opts.json) {
          const { status, run, likes, playlists, followed, failedPlaylists, reusedPlaylists, requests } = r;
          printJson({ status, run, likes, playlists, followed, failedPlaylists, reusedPlaylists, requests });
        } else {
          process.stdout.write(`Backup ${r.status}: ${r.likes} likes, ${r.playlists} playlists, ${r.followed} followed (${r.reusedPlaylists} unchanged, copied) in ${r.run || '(no run)'}\n`);
          if (r.failedPlaylists.length) process.stdout.write(`Failed playlists: ${r.failedPlaylists.join(', ')}\n`);
        }
        process.exitCode = r.status === 'failed' && r.failureKind === 'sign_in' ? SPOTIFY_EXIT.auth : BACKUP_EXIT[r.status];
      } catch (e) {
        process.exitCode = reportError(e);
      } finally {
        ctx.close();
      }
    });

  program
    .command('restore')
    .description('Restore a backup run (or some of its files) into a signed-in Spotify account, without duplicates')
    .argument('<paths...>', 'a run folder, or backup files')
    .requiredOption('--account <name>', 'the signed-in account to restore into')
    .option('--dry-run', 'show the plan; write nothing')
    .option('--json', 'print a JSON summary as the last line')
    .addHelpText('after', '\nExit codes: 0 everything restorable restored, 2 bad input, 3 sign-in problem, 4 files skipped or writes failed, 5 paused by quota, 1 other.')
    .action(async (paths: string[], opts: { account: string; dryRun?: boolean; json?: boolean }) => {
      const ctx = await openSpotifyContext();
      try {
        const backup = await loadInput(paths);
        const api = await ctx.provider.api(opts.account);
        const r = await restoreBackup({ api, backup, dataDir: ctx.paths.dataDir, dryRun: opts.dryRun, onProgress: (m) => process.stderr.write(`Restoring ${m}\n`) });
        for (const s of r.filesSkipped) process.stderr.write(`skipped ${s.file}: ${s.reason}\n`);
        for (const f of r.writeFailures) process.stderr.write(`failed ${f.what}: ${f.reason}\n`);
        if (!opts.json || opts.dryRun) {
          const out = opts.json ? process.stderr : process.stdout;
          const verb = opts.dryRun ? 'would add' : 'added';
          out.write(`${opts.dryRun ? 'Plan' : 'Restored'}: likes ${verb} ${r.likesAdded} (${r.likesAlreadyThere} already there); playlists ${opts.dryRun ? 'to create' : 'created'} ${r.playlistsCreated}, reused ${r.playlistsReused}; items ${verb} ${r.itemsAdded} (${r.itemsAlreadyThere} already there); ${opts.dryRun ? 'to follow' : 'followed'} ${r.followed}; unrestorable ${r.unrestorable}\n`);
          for (const p of r.playlists) out.write(`  ${p.action.padEnd(16)} ${p.name}${p.itemsToAdd ? ` (+${p.itemsToAdd})` : ''}\n`);
          for (const u of r.unrestorableItems) out.write(`  cannot restore ${u.where}: ${u.item} — ${u.reason}\n`);
        }
        if (opts.json) {
          const { likesAdded, likesAlreadyThere, playlistsCreated, playlistsReused, itemsAdded, itemsAlreadyThere, followed, unrestorable, filesSkipped } = r;
          printJson({ likesAdded, likesAlreadyThere, playlistsCreated, playlistsReused, itemsAdded, itemsAlreadyThere, followed, unrestorable, filesSkipped });
        }
        process.exitCode = r.filesSkipped.length || r.writeFailures.length ? SPOTIFY_EXIT.partial : SPOTIFY_EXIT.ok;
      } catch (e) {
        process.exitCode = reportError(e);
      } finally {
        ctx.close();
      }
    });

  const backups = program.command('backups').description('Backup runs: list them, compare two, export one');
  backups
    .command('list')
    .description('Every backup run with its status and counts')
    .option('--out <dir>', 'the backups root (default <data>/backups)')
    .option('--json', 'print JSON')
    .action(async (opts: { out?: string; json?: boolean }) => {
      const ctx = await openSpotifyContext();
      try {
        const runs = await listRuns(resolve(ctx.backupsRoot(opts.out)));
        const rows = runs.map((r) => {
          const files = r.metadata?.files ?? [];
          return {
            run: r.dir, userId: r.userId, name: r.name, status: r.state, startedAt: r.metadata?.startedAt ?? null, finishedAt: r.metadata?.finishedAt ?? null,
            likes: files.find((f) => f.kind === 'likes')?.items ?? 0,
            playlists: files.filter((f) => f.kind === 'playlist' && f.items !== undefined).length,
            followed: files.filter((f) => f.kind === 'playlist' && f.items === undefined).length,
            errors: r.metadata?.errors.length ?? 0,
          };
        });
        if (opts.json) printJson(rows);
        else if (rows.length === 0) process.stdout.write('No backups yet: run `cassette backup`.\n');
        else for (const r of rows) process.stdout.write(`${r.userId}/${r.name}  ${r.status.padEnd(11)} ${r.likes} likes, ${r.playlists} playlists, ${r.followed} followed${r.errors ? `, ${r.errors} errors` : ''}\n`);
      } finally {
        ctx.close();
      }
    });

  backups
    .command('diff')
    .description('What changed between two runs: likes and playlist items added or removed, tracks that became unavailable')
    .argument('<runA>', 'the earlier run folder')
    .argument('<runB>', 'the later run folder')
    .option('--json', 'print JSON')
    .action(async (a: string, b: string, opts: { json?: boolean }) => {
      try {
        await requireRun(a);
        await requireRun(b);
        const d = diffRuns(await loadRun(resolve(a)), await loadRun(resolve(b)));
        if (opts.json) return printJson(d);
        const out = (s: string) => process.stdout.write(`${s}\n`);
        out(`Likes: +${d.likesAdded.length} −${d.likesRemoved.length}${d.likesBecameUnavailable.length ? `, ${d.likesBecameUnavailable.length} became unavailable` : ''}`);
        for (const t of d.likesAdded) out(`  + ${t}`);
        for (const t of d.likesRemoved) out(`  − ${t}`);
        for (const t of d.likesBecameUnavailable) out(`  ! ${t} (unavailable)`);
        for (const p of d.playlists) {
          out(`Playlist ${p.name} (${p.change}): +${p.itemsAdded.length} −${p.itemsRemoved.length}`);
          for (const t of p.itemsAdded) out(`  + ${t}`);
          for (const t of p.itemsRemoved) out(`  − ${t}`);
          for (const t of p.becameUnavailable) out(`  ! ${t} (unavailable)`);
        }
      } catch (e) {
        process.exitCode = reportError(e);
      }
    });

  backups
    .command('export')
    .description('Write each playlist of a run (and the likes) as CSV (Exportify columns) or M3U8')
    .argument('<run>', 'the run folder')
    .requiredOption('--format <format>', 'csv or m3u8')
    .option('--out <dir>', 'where to write (default ./<run name>-<format>)')
    .action(async (run: string, opts: { format: string; out?: string }) => {
      try {
        if (opts.format !== 'csv' && opts.format !== 'm3u8') {
          process.stderr.write('error: --format must be csv or m3u8\n');
          process.exitCode = SPOTIFY_EXIT.usage;
          return;
        }
        await requireRun(run);
        const loaded = await loadRun(resolve(run));
        for (const s of loaded.skipped) process.stderr.write(`skipped ${s.file}: ${s.reason}\n`);
        const written = await exportRun(loaded, resolve(opts.out ?? `${basename(resolve(run))}-${opts.format}`), opts.format as ExportFormat);
        for (const w of written) process.stdout.write(`${w}\n`);
        if (loaded.skipped.length) process.exitCode = SPOTIFY_EXIT.partial;
      } catch (e) {
        process.exitCode = reportError(e);
      }
    });
}

async function requireRun(dir: string): Promise<void> {
  const s = await stat(dir).catch(() => undefined);
  if (!s?.isDirectory()) throw new AppError('invalid_input', `${dir} is not a backup run folder.`);
}


/** A run folder, or a list of files (checked against the metadata.json beside them when there is one). */
async function loadInput(paths: string[]) {
  if (paths.length === 1) {
    const s = await stat(paths[0]!).catch(() => undefined);
    if (s?.isDirectory()) return loadRun(resolve(paths[0]!));
  }
  const files = [];
  for (const p of paths.map((x) => resolve(x))) {
    const md = await readMetadata(dirname(p));
    files.push({ path: p, sha256: md?.files.find((f) => f.name === basename(p))?.sha256 });
  }
  const first = files[0] ? await readMetadata(dirname(files[0].path)) : undefined;
  return loadFiles(files, files[0] ? dirname(files[0].path) : '', first);
}


