/**
 * Fixed-capacity FIFO that overwrites its oldest item when full.
 * Used for per-topic message history and numeric series, so memory stays
 * bounded however long traffic runs. Storage grows with use up to the
 * capacity, so many mostly-empty buffers stay cheap.
 */
export class RingBuffer<T> {
  /** Until full: items in order from index 0 (start = 0). Once full: a circle starting at `start`. */
  private items: T[] = [];
  private start = 0;
  private size = 0;
  private cap: number;
  /** Count of every item ever pushed (not reduced by overwrites, reset by clear()). */
  total = 0;

  constructor(capacity: number) {
    this.cap = normaliseCapacity(capacity);
  }

  get length(): number {
    return this.size;
  }

  get capacity(): number {
    return this.cap;
  }

  /** Adds `item` as the newest; returns the oldest item it overwrote when full (undefined otherwise). */
  push(item: T): T | undefined {
    this.total++;
    if (this.cap === 0) return undefined;
    if (this.size < this.cap) {
      this.items.push(item);
      this.size++;
      return undefined;
    }
    const evicted = this.items[this.start];
    this.items[this.start] = item;
    this.start = this.start + 1 === this.cap ? 0 : this.start + 1;
    return evicted;
  }

  /** Item i, counting from the oldest (0) to the newest (length - 1). */
  get(i: number): T | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.size) return undefined;
    return this.items[(this.start + i) % this.cap];
  }

  /** Newest item, or undefined when empty. */
  last(): T | undefined {
    return this.size === 0 ? undefined : this.get(this.size - 1);
  }

  /** Items from oldest to newest. */
  toArray(): T[] {
    const out = new Array<T>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.items[(this.start + i) % this.cap];
    return out;
  }

  /** Changes the capacity, keeping the newest items that fit. `total` is unchanged. */
  setCapacity(capacity: number): void {
    const cap = normaliseCapacity(capacity);
    if (cap === this.cap) return;
    const kept = this.toArray().slice(Math.max(0, this.size - cap));
    this.cap = cap;
    this.items = kept;
    this.start = 0;
    this.size = kept.length;
  }

  /** Removes every item and resets `total`. */
  clear(): void {
    this.items = [];
    this.start = 0;
    this.size = 0;
    this.total = 0;
  }
}

function normaliseCapacity(n: number): number {
  if (!Number.isFinite(n) || n < 0) return 0;
  return Math.floor(n);
}
