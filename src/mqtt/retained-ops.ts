/**
 * Deleting and restoring retained messages, safely: deletion publishes a zero-length
 * retained message to each concrete topic (never a wildcard, never a $ topic), after
 * taking a snapshot that Restore republishes byte for byte.
 *
 * Bytes: the app keeps at most PAYLOAD_KEEP_LIMIT bytes of a payload; entries it holds only in
 * part are read back in full from the broker (withFullPayloads) before they are deleted or
 * exported, and refused if that fails. A partial entry is never published.
 *
 * Flow: every bulk operation goes through the windowed sender, so at most the broker's
 * Receive Maximum (less a little) publishes are in flight, each answered (done or failed).
 */
import type { TopicNode } from '../core/topic-node';
import { isPartial, type RetainedEntry } from '../core/retained-file';
import { validatePublishTopic } from '../core/topic-filter';
import { holdLeave } from '../lib/leave-guard';
import { sendWindowed, windowFor, type SendOutcome } from '../core/windowed-sender';
import { runBulk } from './bulk-queue';
import type { BulkOp, BulkOptions, FullPayloads, OpResult, Refusal } from '../core/bulk-op';
import { addSnapshot, markRestored, setDeleting, setRestoring, type Snapshot } from '../stores/retained-snapshots';
import { useSessionStore } from '../stores/session-store';
import { session } from './session';
import type { ResultEvent } from './protocol';

/** A publish the broker has not answered after this long counts as failed (nothing stays busy forever). */
const ANSWER_TIMEOUT_MS = 60_000;
/** How long to wait for the broker to replay the full payloads (the second connection included). */
const FETCH_TIMEOUT_MS = 30_000;

/** The retained messages at or below `node` (or in the given nodes) that can be deleted. */
export function retainedEntries(nodes: TopicNode[]): RetainedEntry[] {
  const out: RetainedEntry[] = [];
  for (const n of nodes) {
    const m = n.retainedMessage;
    if (!m || !n.retained) continue;
    if (n.topic.startsWith('$') || validatePublishTopic(n.topic) !== null) continue;
    const e: RetainedEntry = { topic: n.topic, payload: m.payload.slice(), qos: m.qos, size: m.size };
    if (m.properties) e.properties = m.properties;
    out.push(e);
  }
  return out;
}

function sameStart(kept: Uint8Array, full: Uint8Array): boolean {
  if (kept.length > full.length) return false;
  for (let i = 0; i < kept.length; i++) if (kept[i] !== full[i]) return false;
  return true;
}

const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;

/**
 * The same entries with every payload whole: those the app kept only in part are read back
 * from the broker. Refuses (listing why, per topic) when any of them cannot be had exactly:
 * no answer, no longer retained, or changed since the app saw it.
 */
export async function withFullPayloads(entries: RetainedEntry[]): Promise<FullPayloads> {
  const partial = entries.filter(isPartial);
  if (partial.length === 0) return { ok: true, entries };
  // The worker answers within FETCH_TIMEOUT_MS; the extra guard keeps the dialog from waiting forever regardless.
  let guard: ReturnType<typeof setTimeout> | undefined;
  const r = await Promise.race([
    session.fetchRetained(
      partial.map((e) => e.topic),
      FETCH_TIMEOUT_MS,
    ),
    new Promise<ResultEvent>((resolve) => {
      guard = setTimeout(() => resolve({ type: 'result', id: 0, ok: false, error: 'No answer from the connection worker.' }), FETCH_TIMEOUT_MS + 5000);
    }),
  ]).finally(() => clearTimeout(guard));
  if (!r.ok) return { ok: false, refused: partial.map((e) => ({ topic: e.topic, reason: r.error ?? 'could not be read back' })) };
  const fetched = new Map((r.retained ?? []).map((m) => [m.topic, m]));
  const refused: Refusal[] = [];
  const whole = new Map<string, RetainedEntry>();
  for (const e of partial) {
    const f = fetched.get(e.topic);
    if (!f) refused.push({ topic: e.topic, reason: 'the broker did not send it back (no longer retained?)' });
    else if (f.payload.length !== e.size || !sameStart(e.payload, f.payload))
      refused.push({ topic: e.topic, reason: `it changed on the broker since it was shown (now ${bytes(f.payload.length)})` });
    else {
      const full: RetainedEntry = { topic: e.topic, payload: f.payload, qos: f.qos, size: f.payload.length };
      if (f.properties) full.properties = f.properties;
      else if (e.properties) full.properties = e.properties;
      whole.set(e.topic, full);
    }
  }
  if (refused.length) return { ok: false, refused };
  return { ok: true, entries: entries.map((e) => whole.get(e.topic) ?? e) };
}

/** Says why nothing was done, for people: which topics, how big, and what went wrong. */
export function refusalMessage(action: string, refused: Refusal[], entries: RetainedEntry[]): string {
  const sizes = new Map(entries.map((e) => [e.topic, e]));
  const list = refused
    .map((r) => {
      const e = sizes.get(r.topic);
      return e?.size ? `${r.topic} (${bytes(e.size)}, ${bytes(e.payload.length)} kept): ${r.reason}` : `${r.topic}: ${r.reason}`;
    })
    .join('; ');
  return `Nothing was ${action}. The app keeps only the first part of very large payloads and could not read ${
    refused.length === 1 ? 'this one' : 'these'
  } back in full from the broker, so a copy would lose bytes — ${list}. Try again, or leave ${refused.length === 1 ? 'it' : 'them'} out.`;
}

function sendOne(entry: RetainedEntry, payload: Uint8Array, qos: 0 | 1 | 2): Promise<SendOutcome> {
  if (entry.topic.startsWith('$') || validatePublishTopic(entry.topic) !== null) {
    return Promise.resolve({ ok: false, error: 'Not a concrete topic that clients may publish to.' });
  }
  return session
    .publish({ topic: entry.topic, payload, qos, retain: true, properties: payload.length ? entry.properties : undefined })
    .then((r) => ({
      ok: r.ok,
      error: r.ok ? undefined : (r.error ?? (r.reasonCode ? `reason code ${r.reasonCode}` : 'failed')),
    }));
}

function publishWindowed(
  entries: RetainedEntry[],
  send: (e: RetainedEntry) => Promise<SendOutcome>,
  opts: BulkOptions = {},
): Promise<OpResult> {
  // Entries still waiting for their turn are unfinished work too: leaving the page asks first.
  const release = holdLeave('bulk retained operation');
  // One bulk publisher at a time (a running Replay included), so that together they never exceed the window.
  return runBulk(() => runWindowed(entries, send, opts)).finally(release);
}

async function runWindowed(
  entries: RetainedEntry[],
  send: (e: RetainedEntry) => Promise<SendOutcome>,
  opts: BulkOptions,
): Promise<OpResult> {
  const { receiveMaximum, protocolVersion } = useSessionStore.getState();
  const r = await sendWindowed(entries, send, {
    window: windowFor(receiveMaximum, protocolVersion),
    onProgress: opts.onProgress,
    signal: opts.signal,
    timeoutMs: ANSWER_TIMEOUT_MS,
  });
  return { done: r.done, failures: r.failures.map((f) => ({ entry: f.item, topic: f.item.topic, error: f.error })) };
}

/** Takes the snapshot Restore uses, marked as deleting until `deleteOp` ends. Entries must be whole (see withFullPayloads). */
export function snapshotForDeletion(entries: RetainedEntry[], label: string): Snapshot {
  const partial = entries.find(isPartial);
  if (partial) throw new Error(`${partial.topic}: a snapshot must hold every byte.`);
  return addSnapshot(label, entries, true);
}

/** Deletes (all, or the failed ones again) while the snapshot shows as deleting, so that no Restore races the deletion. */
export function deleteOp(snapshot: () => Snapshot | null): BulkOp {
  return async (entries, opts) => {
    const id = snapshot()?.id;
    if (id !== undefined) setDeleting(id, true);
    try {
      return await deleteEntries(entries, opts);
    } finally {
      if (id !== undefined) setDeleting(id, false);
    }
  };
}

/** Deletes: an empty retained message to each topic, QoS 1 so that the broker acknowledges each. */
export const deleteEntries: BulkOp = (entries, opts) => publishWindowed(entries, (e) => sendOne(e, new Uint8Array(0), 1), opts);

/** Publishes entries as retained messages with their payload bytes and QoS (Restore, Import). A partial entry fails, unsent. */
export const publishEntries: BulkOp = (entries, opts) =>
  publishWindowed(
    entries,
    (e) =>
      isPartial(e)
        ? Promise.resolve({ ok: false, error: `only ${bytes(e.payload.length)} of ${bytes(e.size!)} are at hand: publishing would lose the rest` })
        : sendOne(e, e.payload, e.qos),
    opts,
  );

/**
 * Republishes a snapshot's messages (all, or the failed ones again on a retry) and marks it
 * restored once every one is back. While it runs the snapshot shows as restoring, so that
 * a second Restore (the toast and the Retained view offer one each) is not started meanwhile.
 */
export function restoreOp(snapshot: Snapshot): BulkOp {
  const pending = new Set(snapshot.entries.map((e) => e.topic));
  return async (entries, opts) => {
    setRestoring(snapshot.id, true);
    try {
      const r = await publishEntries(entries, opts);
      const failed = new Set(r.failures.map((f) => f.topic));
      for (const e of entries) if (!failed.has(e.topic)) pending.delete(e.topic);
      if (pending.size === 0) markRestored(snapshot.id);
      return r;
    } finally {
      setRestoring(snapshot.id, false);
    }
  };
}

/** What the delete dialog (components/delete-retained-dialog) is handed by the features that open it. */
export const retainedDeletion = { withFullPayloads, refusalMessage, snapshotForDeletion, deleteOp };
