// The renderer runs under a CSP without 'unsafe-eval'. zod's JIT probes `new Function` when an object schema is
// built, which the browser reports as a violation; the interpreted path is plenty fast for our payloads.
// Imported first by main.tsx, before the contract's schemas exist.
import { z } from 'zod';

z.config({ jitless: true });
