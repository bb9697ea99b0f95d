// A tiny per-name listener registry shared by the transports; a throwing listener never breaks delivery.
export class ListenerSet<K extends string, P> {
  private readonly map = new Map<K, Set<(payload: P) => void>>();

  add(key: K, listener: (payload: P) => void): () => void {
    let set = this.map.get(key);
    if (!set) this.map.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit(key: K, payload: P): void {
    for (const l of [...(this.map.get(key) ?? [])]) {
      try {
        l(payload);
      } catch (e) {
        console.error(e);
      }
    }
  }
}
