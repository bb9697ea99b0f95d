#!/usr/bin/env node
// `cassette`: the catalog from a terminal — status, import, reconcile (and more as features land).
import { Command } from 'commander';
import { resolve } from 'node:path';
import { catalogStatus } from '../main/catalog';
import { AppError } from '../shared/result';
import { EXIT, fail, printJson } from './output';
import { openCliCore } from './openCore';
import { addBackupCommands } from './backup/backupCommands';
import { addMatchScoreCommand } from './matchScore';
import { addMissingCommand } from './missing/missingCommand';
import { addQobuzCommands } from './qobuz/qobuzCommands';
import { addSpotifyCommands } from './spotify/spotifyCommands';

const program = new Command()
  .name('cassette')
  .description('Keeps your music collection whole. Data: $CASSETTE_DATA_DIR or the platform app-data folder.')
  .showHelpAfterError();

program
  .command('status')
  .description('Headline counters from the catalog')
  .option('--json', 'print JSON for machines')
  .action((opts: { json?: boolean }) => {
    const core = openCliCore();
    try {
      const s = catalogStatus(core.db);
      if (opts.json) printJson(s);
      else {
        const rows: [string, number][] = [
          ['Songs', s.songs], ['Artists', s.artists], ['Albums', s.albums], ['Missing', s.missing],
          ['Queued', s.queued], ['Downloading', s.downloading], ['Downloaded', s.downloaded], ['Failed', s.failed],
        ];
        for (const [k, v] of rows) process.stdout.write(`${k.padEnd(12)} ${v}\n`);
      }
    } finally {
      void core.close();
    }
  });

program
  .command('import')
  .description('Add an existing music folder to the catalog as downloaded tracks')
  .argument('<folder>', 'folder to scan')
  .option('--json', 'print the report as JSON')
  .action(async (folder: string, opts: { json?: boolean }) => {
    const core = openCliCore();
    try {
      const tty = process.stderr.isTTY && !opts.json;
      const unsub = core.events.on('job.progress', (p) => {
        if (!p.finished && tty) process.stderr.write(`\rScanning ${p.done}/${p.total}`);
      });
      // A terminal's relative path means its working directory; the core only takes full paths or ~.
      const r = await core.handlers['catalog.import']({ folder: folder.startsWith('~') ? folder : resolve(folder) });
      unsub();
      if (tty) process.stderr.write('\n');
      if (opts.json) printJson(r);
      else {
        process.stdout.write(`${r.folder}: ${r.added} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped.length} skipped\n`);
        for (const s of r.skipped.slice(0, 20)) process.stdout.write(`  skipped ${s.path}: ${s.reason}\n`);
        if (r.skipped.length > 20) process.stdout.write(`  … and ${r.skipped.length - 20} more skipped\n`);
      }
    } catch (e) {
      await core.close();
      fail(e, e instanceof AppError && e.code === 'invalid_input' ? EXIT.usage : EXIT.failure);
    } finally {
      await core.close();
    }
  });

program
  .command('reconcile')
  .description('Check every catalog file on disk; re-queue what is gone')
  .option('--json', 'print the report as JSON')
  .action(async (opts: { json?: boolean }) => {
    const core = openCliCore();
    try {
      const r = core.reconcile();
      if (opts.json) printJson(r);
      else
        process.stdout.write(
          `Checked ${r.checked} files in ${r.ms} ms: ${r.present} present, ${r.nowMissing} newly missing, ${r.nowPresent} found again, ${r.queued} queued\n`,
        );
    } finally {
      await core.close();
    }
  });

addQobuzCommands(
  program.command('qobuz').description('Your Qobuz purchases: sync them into a folder, sign in (same as `qoget`)'),
  'cassette qobuz login',
);

addMatchScoreCommand(program);
addMissingCommand(program);
addSpotifyCommands(program.command('spotify').description('Spotify accounts: sign in (your own Client ID), list, sign out'));
addBackupCommands(program);

program.parseAsync(process.argv).catch((e: unknown) => fail(e, EXIT.failure));
