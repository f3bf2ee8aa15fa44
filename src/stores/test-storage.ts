/** An in-memory localStorage for unit tests (vitest runs in Node, which has none). Test-only. */
export class MemoryStorage implements Storage {
  map = new Map<string, string>();
  /** Makes every write throw as a full storage does. */
  failWrites = false;
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(k: string) {
    return this.map.has(k) ? this.map.get(k)! : null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  setItem(k: string, v: string) {
    if (this.failWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.map.set(k, String(v));
  }
}
