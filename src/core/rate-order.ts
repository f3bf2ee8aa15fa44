/**
 * The Explorer's "Sort by rate": the same rows with each set of siblings ordered by messages/s of
 * their subtree (busiest first; rows without a rate yet, and equal rates, keep their natural
 * order), each row carried with everything open below it. Cheap enough once a second for the
 * rows of an ordinary tree; past MAX_RATE_SORTED_ROWS rows (a level with 100,000 children open)
 * the rows stay in natural order, since every row would have to be made and sampled.
 */
import type { TopicNode } from './topic-node';
import type { RowList, TreeRow } from './tree-rows';

export const MAX_RATE_SORTED_ROWS = 5000;

interface Item {
  row: TreeRow;
  rate: number;
  /** Rows below it (already ordered). */
  below: Item[];
}

/** `rows` with siblings ordered by `rateOf` (undefined: not known yet), or `rows` itself when too many. */
export function sortRowsByRate(rows: RowList, rateOf: (node: TopicNode) => number | undefined): RowList {
  if (rows.length > MAX_RATE_SORTED_ROWS || rows.length < 2) return rows;
  // Rebuild the nesting from depths (rows are in pre-order).
  const top: Item[] = [];
  const stack: Item[] = [];
  for (const row of rows) {
    const item: Item = { row, rate: rateOf(row.node) ?? -1, below: [] };
    while (stack.length > row.depth) stack.pop();
    (stack.length === 0 ? top : stack[stack.length - 1].below).push(item);
    stack.push(item);
  }
  const out: TreeRow[] = [];
  const emit = (items: Item[]) => {
    const sorted = items.map((item, i) => ({ item, i })).sort((a, b) => b.item.rate - a.item.rate || a.i - b.i);
    sorted.forEach(({ item }, k) => {
      out.push(item.row.posInSet === k + 1 ? item.row : { ...item.row, posInSet: k + 1 });
      emit(item.below);
    });
  };
  emit(top);
  return new ArrayRows(out);
}

class ArrayRows implements RowList {
  private readonly index = new Map<string, number>();

  constructor(private readonly rows: TreeRow[]) {
    rows.forEach((r, i) => this.index.set(r.node.topic, i));
  }

  get length(): number {
    return this.rows.length;
  }

  at(index: number): TreeRow | undefined {
    return this.rows[index];
  }

  indexOf(topic: string): number {
    return this.index.get(topic) ?? -1;
  }

  [Symbol.iterator](): Iterator<TreeRow> {
    return this.rows[Symbol.iterator]();
  }
}
