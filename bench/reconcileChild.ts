// The measured side of bench:reconcile, in a process of its own: opens the core on the prepared data dir as the
// app does (without its start-up reconcile) and runs core.reconcile() once — the stat pass, the catalog update,
// the queue rebuild and the counters pushed to a subscriber (the catalog.status event a window would get).
import { createCore, pathsFor, silentLogger } from '../src/main/core';

const dataDir = process.argv[2]!;
const opened = performance.now();
const core = createCore({ paths: pathsFor(dataDir), logger: silentLogger }, { host: 'headless', runQueue: false, reconcileOnStart: false });
const openMs = performance.now() - opened;
let statusEvents = 0;
let statusMissing = -1;
core.events.on('catalog.status', (s) => {
  statusEvents++;
  statusMissing = s.missing;
});

const started = performance.now();
const report = core.reconcile();
// The hub pushes the counters on its next tick (~150 ms later, to coalesce bursts); deliver them now so their
// query is inside the measured time and the wait is not.
core.events.flush();
const reconcileMs = performance.now() - started;
await core.close();

process.stdout.write(
  `${JSON.stringify({ openMs: Math.round(openMs), reconcileMs: Math.round(reconcileMs), catalogPassMs: report.ms, report, statusEvents, statusMissing })}\n`,
);
