/**
 * Replaying part of a recording (issue 12, "a selected time range and topic filter"): which
 * messages a selection takes, the clock times people type for **From** / **To**, and a compact
 * index that counts the selected messages (and the retained ones among them) for any range and
 * filter without holding payloads.
 *
 * - A selection is `from` (inclusive) … `to` (exclusive), ms since epoch, and an MQTT topic
 *   filter (`+`, `#`; '' takes every topic, `$` topics too). Either bound may be left out.
 * - Clock times: `14:03`, `14:03:07`, `14:03:07.250`, optionally after a date `2026-12-01`. A
 *   time names everything within its last written digit: **To** `14:03:07` takes messages up to
 *   14:03:07.999 (so a To filled with the last message's time, to the ms, includes it).
 *   Without a date the day is the recording's first day, or the next one when that would fall
 *   before the recording's first message (a recording from 23:00 to 01:00: `00:30` is after
 *   midnight).
 * - `SelectionIndex` is built chunk by chunk from the stored blobs (layout in
 *   core/recording-chunk.ts), reading only each message's time, flags and topic: 12 bytes per
 *   message (time, topic id with the retain bit), the topics once each.
 */
import { matchesFilter, validateFilter } from './topic-filter';

export interface ReplaySelection {
  /** First time taken (inclusive), ms since epoch. */
  from?: number;
  /** End of the range (exclusive), ms since epoch. */
  to?: number;
  /** MQTT topic filter; '' or absent takes every topic. */
  filter?: string;
}

/** Why `filter` cannot select topics, or null ('' is fine: every topic). */
export function validateSelectionFilter(filter: string): string | null {
  if (filter === '') return null;
  if (filter.startsWith('$share/') || filter === '$share') return 'A shared subscription ($share/…) is not a filter of recorded topics: leave out $share/<group>/.';
  return validateFilter(filter);
}

/** A test of (time, topic) for the selection; topic matches are cached per topic. */
export function selector(sel: ReplaySelection): (time: number, topic: string) => boolean {
  const from = sel.from ?? -Infinity;
  const to = sel.to ?? Infinity;
  const filter = sel.filter ?? '';
  const cache = new Map<string, boolean>();
  const topicOk = (topic: string) => {
    if (filter === '') return true;
    let ok = cache.get(topic);
    if (ok === undefined) {
      ok = matchesFilter(filter, topic);
      if (cache.size < 100_000) cache.set(topic, ok);
    }
    return ok;
  };
  return (time, topic) => time >= from && time < to && topicOk(topic);
}

/** True when the selection takes everything (no bound, no filter). */
export const selectsAll = (sel: ReplaySelection): boolean => sel.from === undefined && sel.to === undefined && !sel.filter;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `14:03:07.250` (local), with `2026-12-01 ` in front when `withDate`: what the From / To fields show. */
export function formatClockInput(t: number, withDate: boolean): string {
  const d = new Date(Math.floor(t));
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  return withDate ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock}` : clock;
}

/** True when `a` and `b` fall on different local days. */
export const spansDays = (a: number, b: number): boolean => new Date(a).toDateString() !== new Date(b).toDateString();

export const CLOCK_HELP = 'Enter a clock time such as 14:03:07.250 (2026-12-01 14:03:07 for another day).';

const CLOCK = /^(?:(\d{4})-(\d{2})-(\d{2})[ T]+)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * A typed clock time as the span it names, `[start, end)` in ms since epoch (local time), or an
 * error for people. `first` / `last`: the recording's first and last message times (the first's
 * day is the default day).
 */
export function parseClockTime(text: string, first: number, last: number): { start: number; end: number } | { error: string } {
  const m = CLOCK.exec(text.trim());
  if (!m) return { error: CLOCK_HELP };
  const [, y, mo, d, h, mi, s, ms] = m;
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = s === undefined ? 0 : Number(s);
  if (hours > 23 || minutes > 59 || seconds > 59) return { error: CLOCK_HELP };
  const millis = ms === undefined ? 0 : Number(ms.padEnd(3, '0'));
  const step = s === undefined ? 60_000 : ms === undefined ? 1000 : 10 ** (3 - ms.length);
  const at = (base: Date) => new Date(base.getFullYear(), base.getMonth(), base.getDate(), hours, minutes, seconds, millis).getTime();
  let start: number;
  if (y !== undefined) {
    const day = new Date(Number(y), Number(mo) - 1, Number(d));
    if (day.getMonth() !== Number(mo) - 1 || day.getDate() !== Number(d)) return { error: CLOCK_HELP };
    start = at(day);
  } else {
    const day = new Date(first);
    start = at(day);
    // Before the recording's first message, in a recording that runs past midnight: the next day.
    if (start + step <= first && spansDays(first, last)) start = at(new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1));
  }
  return { start, end: start + step };
}

const GROW = 2;

/**
 * Times, topics and retain flags of a recording's messages, for counting selections at once.
 * `add` one stored chunk blob at a time; then `count(selection)`.
 */
export class SelectionIndex {
  private times = new Float64Array(1024);
  /** Topic id, with bit 31 set for a retained message. */
  private ids = new Uint32Array(1024);
  private n = 0;
  readonly topics: string[] = [];
  private topicIds = new Map<string, number>();
  private decoder = new TextDecoder();
  private matchCache: { filter: string; matches: Uint8Array } | null = null;
  /** Lowest and highest receive time (NaN when empty). */
  minTime = NaN;
  maxTime = NaN;

  get length(): number {
    return this.n;
  }

  /** Reads one stored chunk (core/recording-chunk.ts layout); throws a RangeError on a damaged one. */
  add(blob: Uint8Array): void {
    if (blob.length < 5 || blob[0] !== 1) throw new RangeError('Not a recording chunk (unknown version).');
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    const count = view.getUint32(1, true);
    this.reserve(this.n + count);
    let o = 5;
    const need = (k: number) => {
      if (o + k > blob.length) throw new RangeError('Recording chunk damaged: a message runs past its end.');
    };
    for (let i = 0; i < count; i++) {
      need(17);
      const time = view.getFloat64(o, true);
      const flags = blob[o + 8];
      o += 9;
      const topicLength = view.getUint32(o, true);
      need(4 + topicLength + 4);
      const topic = this.decoder.decode(blob.subarray(o + 4, o + 4 + topicLength));
      o += 4 + topicLength;
      const payloadLength = view.getUint32(o, true);
      o += 4;
      need(payloadLength);
      o += payloadLength;
      if (flags & 8) {
        need(4);
        const k = view.getUint32(o, true);
        o += 4;
        need(k);
        o += k;
      }
      let id = this.topicIds.get(topic);
      if (id === undefined) {
        id = this.topics.length;
        this.topics.push(topic);
        this.topicIds.set(topic, id);
        this.matchCache = null;
      }
      if (this.n === 0 || time < this.minTime) this.minTime = time;
      if (this.n === 0 || time > this.maxTime) this.maxTime = time;
      this.times[this.n] = time;
      this.ids[this.n] = (id | (flags & 4 ? 0x8000_0000 : 0)) >>> 0;
      this.n++;
    }
  }

  /** Selected messages, retained ones among them, and the first selected message's topic and time. */
  count(sel: ReplaySelection): { messages: number; retained: number; firstTopic: string; firstTime: number } {
    const from = sel.from ?? -Infinity;
    const to = sel.to ?? Infinity;
    const matches = this.matches(sel.filter ?? '');
    let messages = 0;
    let retained = 0;
    let first = -1;
    for (let i = 0; i < this.n; i++) {
      const t = this.times[i];
      if (t < from || t >= to) continue;
      const v = this.ids[i];
      if (matches && !matches[v & 0x7fff_ffff]) continue;
      if (first < 0) first = i;
      messages++;
      if (v & 0x8000_0000) retained++;
    }
    return { messages, retained, firstTopic: first < 0 ? '' : this.topics[this.ids[first] & 0x7fff_ffff], firstTime: first < 0 ? NaN : this.times[first] };
  }

  /** Per topic id: 1 when the filter matches (null: every topic). */
  private matches(filter: string): Uint8Array | null {
    if (filter === '') return null;
    if (this.matchCache?.filter === filter) return this.matchCache.matches;
    const matches = new Uint8Array(this.topics.length);
    for (let i = 0; i < this.topics.length; i++) matches[i] = matchesFilter(filter, this.topics[i]) ? 1 : 0;
    this.matchCache = { filter, matches };
    return matches;
  }

  private reserve(size: number): void {
    if (size <= this.times.length) return;
    let cap = this.times.length;
    while (cap < size) cap *= GROW;
    const times = new Float64Array(cap);
    times.set(this.times.subarray(0, this.n));
    const ids = new Uint32Array(cap);
    ids.set(this.ids.subarray(0, this.n));
    this.times = times;
    this.ids = ids;
  }
}
