#!/usr/bin/env node
// `qoget`: every Qobuz purchase on your disk as tagged MP3 320, again and again, without downloading twice.
// The same commands as `cassette qobuz`, on the same Cassette catalog.
import { Command } from 'commander';
import { EXIT, fail } from './output';
import { addQobuzCommands } from './qobuz/qobuzCommands';

const program = new Command()
  .name('qoget')
  .description(
    'Sync your Qobuz purchases (albums and tracks bought alone) into a folder as MP3 320 with tags and cover art.\n' +
      'Sign in once with `qoget login` (browser) or set QOBUZ_TOKEN; then run `qoget sync <dir>` whenever you like.',
  )
  .showHelpAfterError();

addQobuzCommands(program, 'qoget login');

program.parseAsync(process.argv).catch((e: unknown) => fail(e, EXIT.failure));
