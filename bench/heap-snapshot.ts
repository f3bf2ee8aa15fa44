// Heap snapshots for the soak benchmark's `--snapshots` (bench/README.md, "Soak"): take a V8 heap
// snapshot of the page's main thread through CDP, save it (open two of them in Chrome DevTools ›
// Memory › Comparison), and summarise it by constructor so that two snapshots can be compared
// here: which kinds of object grew, and what holds on to them.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CDPSession } from '@playwright/test';

export interface ClassStats {
  count: number;
  selfSize: number;
}

export interface SnapshotSummary {
  file: string;
  nodes: number;
  totalSelfSize: number;
  byClass: Record<string, ClassStats>;
  /** for the classes asked for: "retainer class.edge" → count of that class's objects it holds */
  retainers: Record<string, Record<string, number>>;
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** The class name DevTools' Summary view would group a node under. */
function classOf(type: string, name: string): string {
  switch (type) {
    case 'object':
    case 'native':
      return name;
    case 'closure':
      return '(closure)';
    case 'string':
    case 'concatenated string':
    case 'sliced string':
      return '(string)';
    case 'array':
      return '(array)';
    case 'code':
      return '(compiled code)';
    case 'number':
    case 'heap number':
      return '(number)';
    case 'hidden':
    case 'object shape':
      return '(system)';
    default:
      return `(${type})`;
  }
}

/** Writes the main thread's heap snapshot to `file` and returns it parsed. */
export async function takeSnapshot(cdp: CDPSession, file: string): Promise<RawSnapshot> {
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => {
    chunks.push(e.chunk);
    out.write(e.chunk);
  };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await new Promise<void>((r) => out.end(() => r()));
  }
  await cdp.send('HeapProfiler.disable').catch(() => {});
  return JSON.parse(chunks.join('')) as RawSnapshot;
}

/** Counts and self sizes by class, and the retainers of `retainersOf` classes. */
export function summarise(raw: RawSnapshot, file: string, retainersOf: readonly string[] = []): SnapshotSummary {
  const meta = raw.snapshot.meta;
  const nf = meta.node_fields.length;
  const iType = meta.node_fields.indexOf('type');
  const iName = meta.node_fields.indexOf('name');
  const iSelf = meta.node_fields.indexOf('self_size');
  const iEdges = meta.node_fields.indexOf('edge_count');
  const nodeTypes = meta.node_types[0];
  const ef = meta.edge_fields.length;
  const eType = meta.edge_fields.indexOf('type');
  const eName = meta.edge_fields.indexOf('name_or_index');
  const eTo = meta.edge_fields.indexOf('to_node');
  const edgeTypes = meta.edge_types[0];
  const { nodes, edges, strings } = raw;
  const n = nodes.length / nf;
  const cls = new Array<string>(n);
  const byClass: Record<string, ClassStats> = {};
  let total = 0;
  for (let i = 0; i < n; i++) {
    const o = i * nf;
    const c = classOf(nodeTypes[nodes[o + iType]], strings[nodes[o + iName]]);
    cls[i] = c;
    const s = (byClass[c] ??= { count: 0, selfSize: 0 });
    s.count++;
    s.selfSize += nodes[o + iSelf];
    total += nodes[o + iSelf];
  }
  const wanted = new Set(retainersOf);
  const retainers: Record<string, Record<string, number>> = {};
  if (wanted.size > 0) {
    let e = 0;
    for (let i = 0; i < n; i++) {
      const count = nodes[i * nf + iEdges];
      for (let k = 0; k < count; k++, e += ef) {
        const type = edgeTypes[edges[e + eType]];
        if (type === 'weak' || type === 'shortcut') continue;
        const to = edges[e + eTo] / nf;
        const target = cls[to];
        if (!wanted.has(target)) continue;
        const label = type === 'element' || type === 'hidden' ? `[${type}]` : String(strings[edges[e + eName]]);
        // Every object points at its prototype and its map: that says nothing about who keeps it.
        if (label === '__proto__' || label === 'map') continue;
        const key = `${cls[i]}.${label}`;
        const r = (retainers[target] ??= {});
        r[key] = (r[key] ?? 0) + 1;
      }
    }
  }
  return { file, nodes: n, totalSelfSize: total, byClass, retainers };
}

export interface ClassGrowth {
  name: string;
  countBefore: number;
  countAfter: number;
  deltaCount: number;
  deltaKB: number;
}

/** Classes whose total self size grew most from `a` to `b` (and those that grew most in count). */
export function compare(a: SnapshotSummary, b: SnapshotSummary, top = 15): { bySize: ClassGrowth[]; byCount: ClassGrowth[] } {
  const names = new Set([...Object.keys(a.byClass), ...Object.keys(b.byClass)]);
  const rows: ClassGrowth[] = [];
  for (const name of names) {
    const x = a.byClass[name] ?? { count: 0, selfSize: 0 };
    const y = b.byClass[name] ?? { count: 0, selfSize: 0 };
    rows.push({
      name,
      countBefore: x.count,
      countAfter: y.count,
      deltaCount: y.count - x.count,
      deltaKB: Math.round((y.selfSize - x.selfSize) / 102.4) / 10,
    });
  }
  return {
    bySize: [...rows].sort((p, q) => q.deltaKB - p.deltaKB).slice(0, top),
    byCount: [...rows].sort((p, q) => q.deltaCount - p.deltaCount).slice(0, top),
  };
}

/** The top `top` retainers of a class, most first. */
export function topRetainers(s: SnapshotSummary, name: string, top = 8): { via: string; count: number }[] {
  return Object.entries(s.retainers[name] ?? {})
    .map(([via, count]) => ({ via, count }))
    .sort((p, q) => q.count - p.count)
    .slice(0, top);
}
