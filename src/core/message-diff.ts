/**
 * What changed between two payloads, for the History view: a key-level diff for JSON
 * (microdiff) and a word/line diff for text (jsdiff). Binary payloads are only compared.
 */
import microdiff from 'microdiff';
import { diffLines, diffWordsWithSpace } from 'diff';
import { sameBytes } from './bytes';
import { decodePayload } from './payload';

export interface JsonChange {
  /** Dotted path with [i] for array indexes, e.g. `sensors[0].value`. */
  path: string;
  type: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}

export interface TextPart {
  value: string;
  added: boolean;
  removed: boolean;
}

export type MessageDiff =
  | { kind: 'same' }
  | { kind: 'json'; changes: JsonChange[] }
  | { kind: 'text'; parts: TextPart[] }
  | { kind: 'binary'; beforeSize: number; afterSize: number };

const show = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));

function pathOf(parts: (string | number)[]): string {
  let out = '';
  for (const p of parts) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out || '(root)';
}

export function diffPayloads(before: Uint8Array, after: Uint8Array): MessageDiff {
  if (sameBytes(before, after)) return { kind: 'same' };
  const a = decodePayload(before);
  const b = decodePayload(after);
  if (a.kind === 'json' && b.kind === 'json' && typeof a.json === 'object' && typeof b.json === 'object' && a.json && b.json) {
    const changes = microdiff(a.json as Record<string, unknown>, b.json as Record<string, unknown>).map((d): JsonChange => {
      const path = pathOf(d.path);
      if (d.type === 'CREATE') return { path, type: 'added', after: show(d.value) };
      if (d.type === 'REMOVE') return { path, type: 'removed', before: show(d.oldValue) };
      return { path, type: 'changed', before: show(d.oldValue), after: show(d.value) };
    });
    // Same data, different formatting (spaces, key order): say so rather than show nothing.
    return changes.length ? { kind: 'json', changes } : { kind: 'text', parts: textParts(a.text ?? '', b.text ?? '') };
  }
  const textual = (k: string) => k === 'text' || k === 'json' || k === 'empty';
  if (textual(a.kind) && textual(b.kind)) return { kind: 'text', parts: textParts(a.text ?? '', b.text ?? '') };
  return { kind: 'binary', beforeSize: before.length, afterSize: after.length };
}

function textParts(a: string, b: string): TextPart[] {
  const multiline = a.includes('\n') || b.includes('\n');
  const parts = multiline ? diffLines(a, b) : diffWordsWithSpace(a, b);
  return parts.map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed }));
}
