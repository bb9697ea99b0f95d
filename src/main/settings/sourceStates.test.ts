import { describe, expect, it } from 'vitest';
import type { ConnectionTestDto } from '../../shared/contract';
import { SourceStates } from './sourceStates';

const quiet = { info() {}, warn() {}, error() {} };

describe('SourceStates after close', () => {
  it('a check still in flight when the core closes ends without counting the closed catalog or telling anyone', async () => {
    let answer!: (r: ConnectionTestDto) => void;
    let counted = 0;
    const changes: unknown[] = [];
    const states = new SourceStates({
      clock: { now: () => 0 },
      logger: quiet,
      isConfigured: () => true,
      defaultSource: () => 'slskd',
      activeBySource: () => {
        counted += 1;
        return {};
      },
      probe: () => new Promise((resolve) => (answer = resolve)),
      onChange: (s) => changes.push(s),
    });
    const check = states.check('slskd');
    states.close();
    answer({ ok: true, problem: null, message: 'ok', detail: null });
    await check;
    expect(counted).toBe(0);
    expect(changes).toEqual([]);
    await states.check('tickets');
    expect(changes).toEqual([]);
  });
});
