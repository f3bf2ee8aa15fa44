/**
 * `lru-cache` for mqtt.js in the worker build (scripts/lean-mqtt.js). mqtt.js uses it in one
 * place, its outgoing topic aliases (mqtt/build/lib/topic-alias-send.js), and only as
 * `new LRUCache({ max })` with get (which marks the entry most recently used), set (which drops
 * the least recently used entry when full), size, clear and keys() (most recently used first).
 * A Map keeps insertion order, so moving an entry to the end on every use is all an LRU needs:
 * this keeps lru-cache's ~5 KB gzip out of the worker, the first load's largest file
 * (docs/performance.md, "First load"). lru-cache.test.ts checks it against the real package.
 */
export class LRUCache<K, V> {
  readonly max: number;
  private readonly map = new Map<K, V>();

  constructor(options: { max: number }) {
    if (!(options.max > 0)) throw new TypeError('max must be a positive number');
    this.max = options.max;
  }

  get size(): number {
    return this.map.size;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  get(key: K): V | undefined {
    if (!this.map.has(key)) return undefined;
    const value = this.map.get(key) as V;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }

  /** Keys from the most to the least recently used, as lru-cache gives them. */
  *keys(): Generator<K> {
    yield* [...this.map.keys()].reverse();
  }
}
