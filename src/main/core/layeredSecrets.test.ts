import { describe, expect, it } from 'vitest';
import { layeredSecrets } from './layeredSecrets';
import type { SecretStore } from '../base';

const mapStore = (init: Record<string, string> = {}): SecretStore & { data: Map<string, string> } => {
  const data = new Map(Object.entries(init));
  return {
    data,
    get: async (n) => data.get(n),
    set: async (n, v) => void data.set(n, v),
    delete: async (n) => void data.delete(n),
  };
};

describe('layered secrets', () => {
  it('reads the app store first, then a token the CLI saved; writes only to the app store; forgets in both', async () => {
    const app = mapStore({ a: 'from-app' });
    const cli = mapStore({ a: 'stale', qobuz: 'from-cli' });
    const s = layeredSecrets(app, cli);
    expect(await s.get('a')).toBe('from-app');
    expect(await s.get('qobuz')).toBe('from-cli');
    await s.set('qobuz', 'new');
    expect(app.data.get('qobuz')).toBe('new');
    expect(cli.data.get('qobuz')).toBe('from-cli');
    await s.delete('qobuz');
    expect(await s.get('qobuz')).toBeUndefined();
  });
});
