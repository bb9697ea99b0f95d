// The Plex server of bench:owned, in a process of its own as a real server is: the emulator over a generated
// library (`generateLibrary(n)`, the same one the bench labels its playlist from). Prints {"url"} once
// listening; exits when its parent closes stdin.
import { generateLibrary, startPlexEmulator } from '../test/emulators/plex';

const count = Number(process.argv[2] ?? 100_000);
const plex = await startPlexEmulator({ token: 'bench', sections: [{ key: '1', title: 'Music', type: 'artist', tracks: generateLibrary(count) }] });
process.stdout.write(`${JSON.stringify({ url: plex.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void plex.close().then(() => process.exit(0));
});
