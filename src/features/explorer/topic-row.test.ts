import { describe, expect, it } from 'vitest';
import type { TreeRow } from '../../core/tree-rows';
import type { TopicNode } from '../../core/topic-node';
import { sameRowProps, type Props } from './topic-row';

const node = { topic: 'bench/t/0000' } as TopicNode;
const row = (over: Partial<TreeRow> = {}): TreeRow => ({ node, depth: 2, hasChildren: false, expanded: false, posInSet: 1, setSize: 1000, ...over });
const onFocusRow = () => {};
const props = (over: Partial<Props> = {}): Props => ({ row: row(), version: 7, index: 2, top: 52, selected: false, flash: true, tabbable: false, onFocusRow, ...over });

describe('a tree row’s memo comparison', () => {
  // The tree's row list is lazy and hands out a new TreeRow object for every row at every render:
  // compared by reference, every row re-rendered at each render of the tree (a click, a key).
  it('finds a new TreeRow object with the same fields unchanged', () => {
    expect(sameRowProps(props(), props({ row: row() }))).toBe(true);
  });

  it('finds every shown field’s change', () => {
    const changes: Partial<Props>[] = [
      { row: row({ node: { topic: 'bench/t/0001' } as TopicNode }) },
      { row: row({ depth: 3 }) },
      { row: row({ hasChildren: true }) },
      { row: row({ expanded: true }) },
      { row: row({ posInSet: 2 }) },
      { row: row({ setSize: 999 }) },
      { version: 8 },
      { index: 3 },
      { top: 78 },
      { selected: true },
      { flash: false },
      { tabbable: true },
      { onFocusRow: () => {} },
    ];
    for (const change of changes) expect(sameRowProps(props(), props(change)), JSON.stringify(Object.keys(change))).toBe(false);
    // Every prop is among the changes above (a new required prop of the row fails here until it is
    // compared and listed), and so is every field of the row.
    expect(new Set(changes.flatMap((c) => Object.keys(c)))).toEqual(new Set(Object.keys(props())));
    expect(new Set(changes.flatMap((c) => (c.row ? Object.keys(c.row).filter((k) => c.row![k as keyof TreeRow] !== row()[k as keyof TreeRow]) : [])))).toEqual(
      new Set(Object.keys(row())),
    );
  });
});
