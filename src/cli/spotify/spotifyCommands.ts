// `cassette spotify login|accounts|logout`: named Spotify accounts (the source and the target of a restore).
import type { Command } from 'commander';
import { DEFAULT_ACCOUNT } from '../../main/providers';
import { printJson } from '../output';
import { openBrowser } from '../qobuz/openBrowser';
import { reportError, SPOTIFY_EXIT } from './exitCodes';
import { openSpotifyContext } from './spotifyContext';

export function addSpotifyCommands(spotify: Command): Command {
  spotify
    .command('login')
    .description('Sign in to Spotify in your browser and keep the sign-in under an account name')
    .option('--account <name>', 'the name to keep this sign-in under', DEFAULT_ACCOUNT)
    .option('--no-browser', 'only print the sign-in URL')
    .addHelpText('after', '\nNeeds your own Client ID (SPOTIFY_CLIENT_ID or [spotify] client_id) with http://127.0.0.1/callback registered.\nExit codes: 0 signed in, 2 bad input (no Client ID), 3 sign-in refused or timed out, 1 other.')
    .action(async (opts: { account: string; browser: boolean }) => {
      const ctx = await openSpotifyContext();
      try {
        const who = await ctx.provider.signIn(opts.account, {
          onAuthorizeUrl: (url) => process.stdout.write(`Open this URL to sign in: ${url}\n`),
          openExternal: opts.browser ? (url) => openBrowser(url) : undefined,
        });
        process.stdout.write(`Signed in as ${who.displayName} (${who.userId}) as account ${who.account}\n`);
      } catch (e) {
        process.exitCode = reportError(e);
      } finally {
        ctx.close();
      }
    });

  spotify
    .command('accounts')
    .description('List the signed-in Spotify accounts')
    .option('--json', 'print JSON: [{"account","userId","displayName"}]')
    .action(async (opts: { json?: boolean }) => {
      const ctx = await openSpotifyContext();
      try {
        const list = await ctx.provider.list();
        if (opts.json) printJson(list.map(({ account, userId, displayName }) => ({ account, userId, displayName })));
        else if (list.length === 0) process.stdout.write('No Spotify account is signed in: run `cassette spotify login`.\n');
        else for (const a of list) process.stdout.write(`${a.account.padEnd(12)} ${a.displayName} (${a.userId})\n`);
        for (const x of await ctx.provider.expiringConsents()) {
          process.stderr.write(`warning: the sign-in of account ${x.account} expires around ${new Date(x.expiresAt).toISOString().slice(0, 10)}; run \`cassette spotify login --account ${x.account}\` before then so scheduled backups keep working.\n`);
        }
      } finally {
        ctx.close();
      }
    });

  spotify
    .command('logout')
    .description('Forget a signed-in Spotify account')
    .requiredOption('--account <name>', 'the account to forget')
    .action(async (opts: { account: string }) => {
      const ctx = await openSpotifyContext();
      try {
        if (await ctx.provider.signOut(opts.account)) process.stdout.write(`Signed out of account ${opts.account}.\n`);
        else {
          process.stderr.write(`error: no Spotify account "${opts.account}" is signed in.\n`);
          process.exitCode = SPOTIFY_EXIT.auth;
        }
      } finally {
        ctx.close();
      }
    });
  return spotify;
}
