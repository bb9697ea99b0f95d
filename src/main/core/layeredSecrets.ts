// A SecretStore that reads through to a second store: the Electron app keeps its secrets in safeStorage, and
// still sees a token that `qoget login` saved from a terminal into the headless file.
import type { SecretStore } from '../base';

export function layeredSecrets(primary: SecretStore, fallback: SecretStore): SecretStore {
  return {
    async get(name) {
      return (await primary.get(name)) ?? (await fallback.get(name).catch(() => undefined));
    },
    set: (name, value) => primary.set(name, value),
    async delete(name) {
      await Promise.all([primary.delete(name), fallback.delete(name).catch(() => undefined)]);
    },
  };
}
