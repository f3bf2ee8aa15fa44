/**
 * The Top talkers table from the traffic model's columns (core/traffic.ts): one row per topic,
 * or per group (core/group-pattern.ts), filtered, sorted, the best `limit` rows kept, each with
 * its messages per second over the last minute for a sparkline.
 *
 * Run about once a second while the Traffic view is open. One pass over the typed arrays per
 * run (a million topics: a few ms), plus one pass over the last minute's per-second records
 * (proportional to traffic) for the sparklines. The string work (which group a topic is in,
 * whether it matches the filter) is done once per topic and kept while the pattern and filter
 * stay the same (4 and 1 bytes per topic).
 */
import { groupKeyOf, type GroupPattern } from './group-pattern';
import type { TrafficColumns } from './traffic';

export type TalkerSort = 'topic' | 'msgRate' | 'byteRate' | 'totalBytes' | 'largest' | 'lastSeen';

export interface TalkerQuery {
  /** null: one row per topic. */
  groupBy: GroupPattern | null;
  /** Case-insensitive text the topic (or group) must contain; blank: all. */
  filter: string;
  sort: TalkerSort;
  descending: boolean;
  limit: number;
}

export interface TalkerRow {
  /** The topic, or the group (its first levels). */
  key: string;
  /** Topics in the group (1 for a topic). */
  topics: number;
  msgRate: number;
  msgRate60: number;
  byteRate: number;
  byteRate60: number;
  totalBytes: number;
  largest: number;
  lastSeen: number;
  /** Messages in each of the last 60 whole seconds, oldest first. */
  spark: number[];
}

export interface TalkerResult {
  rows: TalkerRow[];
  /** Rows there would be without the limit. */
  total: number;
}

export const SPARK_SECONDS = 60;

/** Keeps per-topic caches between runs (group of each topic, filter match of each topic). */
export class TopTalkers {
  private generation = -1;
  private patternKey = '';
  private groupOf = new Int32Array(0);
  private groupNames: string[] = [];
  private groupIndex = new Map<string, number>();
  private grouped = 0;
  private filterText = '';
  /** Per row key (topic id, or group index): 0 not yet known, 1 matches, 2 does not. */
  private match = new Uint8Array(0);
  private matched = 0;
  private matchGrouped = false;
  private rows = new Int32Array(0);

  run(cols: TrafficColumns, q: TalkerQuery): TalkerResult {
    if (cols.generation !== this.generation) {
      this.generation = cols.generation;
      this.resetGroups('');
      this.resetFilter('', false);
    }
    const n = cols.ids.size;
    const grouped = q.groupBy !== null;
    if (grouped) this.assignGroups(cols, q.groupBy!);
    const keyCount = grouped ? this.groupNames.length : n;
    const needle = q.filter.trim().toLowerCase();
    if (needle !== this.filterText || grouped !== this.matchGrouped) this.resetFilter(needle, grouped);

    // Sum per row key (for topics: the columns themselves).
    let agg: Aggregate;
    if (grouped) {
      const sums = newAggregate(keyCount);
      const seenAt = sums.lastSeen!;
      const members = sums.topics!;
      agg = sums;
      const g = this.groupOf;
      for (let id = 0; id < n; id++) {
        const k = g[id];
        if (k < 0) continue;
        agg.c10[k] += cols.c10[id];
        agg.c60[k] += cols.c60[id];
        agg.b10[k] += cols.b10[id];
        agg.b60[k] += cols.b60[id];
        agg.total[k] += cols.total[id];
        if (cols.largest[id] > agg.largest[k]) agg.largest[k] = cols.largest[id];
        const seen = cols.lastSeen(id);
        if (seen > seenAt[k]) seenAt[k] = seen;
        members[k]++;
      }
    } else {
      agg = { c10: cols.c10, c60: cols.c60, b10: cols.b10, b60: cols.b60, total: cols.total, largest: cols.largest, lastSeen: undefined, topics: undefined };
    }
    const lastSeen = (k: number): number => (agg.lastSeen ? agg.lastSeen[k] : cols.lastSeen(k));
    const column =
      q.sort === 'msgRate' ? agg.c10 : q.sort === 'byteRate' ? agg.b10 : q.sort === 'totalBytes' ? agg.total : q.sort === 'largest' ? agg.largest : undefined;
    const value = column ? (k: number) => column[k] : q.sort === 'lastSeen' ? lastSeen : () => 0;
    // Negative when (k, name) goes before `b`. Ties: first seen first (comparing a million long
    // topic names that share their first levels costs more than the rest of the run).
    const sign = q.descending ? -1 : 1;
    const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const compare =
      q.sort === 'topic'
        ? (_k: number, name: string, b: Entry): number => sign * byName(name, b.name)
        : (k: number, _name: string, b: Entry): number => sign * (value(k) - b.v) || k - b.k;

    const best: Entry[] = [];
    let total = 0;
    const consider = (k: number, name: string): void => {
      if (needle !== '' && !this.matches(k, name, needle)) return;
      total++;
      if (best.length === q.limit && compare(k, name, best[best.length - 1]) >= 0) return;
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (compare(k, name, best[mid]) < 0) hi = mid;
        else lo = mid + 1;
      }
      best.splice(lo, 0, { k, name, v: value(k) });
      if (best.length > q.limit) best.pop();
    };
    if (grouped) {
      for (let k = 0; k < keyCount; k++) if (agg.topics![k] > 0) consider(k, this.groupNames[k]);
    } else {
      cols.ids.forEach(consider);
    }

    const rowOf = this.rowIndex(keyCount);
    const rows: TalkerRow[] = best.map(({ k, name }, i) => {
      rowOf[k] = i + 1;
      return {
        key: name,
        topics: agg.topics ? agg.topics[k] : 1,
        msgRate: perSecond(agg.c10[k], cols.span10),
        msgRate60: perSecond(agg.c60[k], cols.span60),
        byteRate: perSecond(agg.b10[k], cols.span10),
        byteRate60: perSecond(agg.b60[k], cols.span60),
        totalBytes: agg.total[k],
        largest: agg.largest[k],
        lastSeen: lastSeen(k),
        spark: new Array<number>(SPARK_SECONDS).fill(0),
      };
    });
    if (rows.length > 0) this.sparklines(cols, rows, rowOf, grouped);
    for (const { k } of best) rowOf[k] = 0;
    return { rows, total };
  }

  /** Row + 1 by key (0: not shown), all 0 between runs; kept to spare a map lookup per record entry. */
  private rowIndex(keys: number): Int32Array {
    if (this.rows.length < keys) this.rows = new Int32Array(Math.ceil(keys * 1.5));
    return this.rows;
  }

  private sparklines(cols: TrafficColumns, rows: TalkerRow[], rowOf: Int32Array, grouped: boolean): void {
    const g = this.groupOf;
    for (const r of cols.records) {
      const slot = SPARK_SECONDS - 1 - (cols.lastClosed - r.second);
      if (slot < 0 || slot >= SPARK_SECONDS) continue;
      for (let j = 0; j < r.ids.length; j++) {
        const id = r.ids[j];
        const key = grouped ? g[id] : id;
        const row = key < 0 ? 0 : rowOf[key];
        if (row > 0) rows[row - 1].spark[slot] += r.counts[j];
      }
    }
  }

  private matches(k: number, key: string, needle: string): boolean {
    if (k >= this.match.length) {
      const next = new Uint8Array(Math.max(1024, Math.ceil((k + 1) * 1.5)));
      next.set(this.match);
      this.match = next;
    }
    let m = this.match[k];
    if (m === 0) {
      m = key.toLowerCase().includes(needle) ? 1 : 2;
      this.match[k] = m;
      this.matched++;
    }
    return m === 1;
  }

  private resetFilter(needle: string, grouped: boolean): void {
    this.filterText = needle;
    this.matchGrouped = grouped;
    if (this.matched > 0) this.match.fill(0);
    this.matched = 0;
  }

  private resetGroups(key: string): void {
    this.patternKey = key;
    this.groupOf = new Int32Array(0);
    this.groupNames = [];
    this.groupIndex.clear();
    this.grouped = 0;
    this.resetFilter(this.filterText, this.matchGrouped);
  }

  /** Works out the group of every topic not seen since the pattern was set. */
  private assignGroups(cols: TrafficColumns, pattern: GroupPattern): void {
    const key = pattern.join('/');
    if (key !== this.patternKey) this.resetGroups(key);
    const n = cols.ids.size;
    if (this.grouped === n) return;
    if (this.groupOf.length < n) {
      const next = new Int32Array(Math.ceil(n * 1.5));
      next.set(this.groupOf.subarray(0, this.grouped));
      this.groupOf = next;
    }
    let id = 0;
    for (const topic of cols.ids.keys()) {
      if (id >= this.grouped) {
        const group = groupKeyOf(topic, pattern);
        let k = -1;
        if (group !== undefined) {
          k = this.groupIndex.get(group) ?? -1;
          if (k < 0) {
            k = this.groupNames.length;
            this.groupNames.push(group);
            this.groupIndex.set(group, k);
          }
        }
        this.groupOf[id] = k;
      }
      id++;
    }
    this.grouped = n;
  }
}

interface Entry {
  k: number;
  name: string;
  /** Its value in the sorted column. */
  v: number;
}

interface Aggregate {
  c10: ArrayLike<number> & { [k: number]: number };
  c60: ArrayLike<number> & { [k: number]: number };
  b10: ArrayLike<number> & { [k: number]: number };
  b60: ArrayLike<number> & { [k: number]: number };
  total: ArrayLike<number> & { [k: number]: number };
  largest: ArrayLike<number> & { [k: number]: number };
  lastSeen: Float64Array | undefined;
  topics: Uint32Array | undefined;
}

function newAggregate(n: number): Aggregate {
  return {
    c10: new Float64Array(n),
    c60: new Float64Array(n),
    b10: new Float64Array(n),
    b60: new Float64Array(n),
    total: new Float64Array(n),
    largest: new Float64Array(n),
    lastSeen: new Float64Array(n),
    topics: new Uint32Array(n),
  };
}

function perSecond(sum: number, span: number): number {
  return span > 0 ? sum / span : 0;
}
