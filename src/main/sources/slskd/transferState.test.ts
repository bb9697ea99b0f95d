import { describe, expect, it } from 'vitest';
import { parseTransferState } from './transferState';

describe('parseTransferState', () => {
  it.each<[string, boolean, string | undefined, boolean]>([
    ['Requested', false, undefined, false],
    ['Queued, Remotely', false, undefined, true],
    ['Queued, Locally', false, undefined, true],
    ['Initializing', false, undefined, false],
    ['InProgress', false, undefined, false],
    ['Completed, Succeeded', true, 'Succeeded', false],
    ['Completed, Rejected', true, 'Rejected', false],
    ['Completed, Errored', true, 'Errored', false],
    ['Completed, TimedOut', true, 'TimedOut', false],
    ['Completed, Cancelled', true, 'Cancelled', false],
    ['Completed, Aborted', true, 'Aborted', false],
  ])('%s', (state, terminal, outcome, queued) => {
    expect(parseTransferState(state)).toMatchObject({ terminal, outcome, queued });
  });
});
