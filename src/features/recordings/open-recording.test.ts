import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { packChunk } from '../../core/recording-chunk';
import type { RecordedMessage } from '../../core/recording-format';
import { createRecording, openRecordingsDb, writeChunk, type RecordingMeta } from '../../lib/recordings-db';
import { selectTopic, setExpanded, useExplorerStore } from '../../stores/explorer-store';
import { closeRecording, useTimeTravelStore } from '../../stores/time-travel-store';
import { openRecording } from './open-recording';

const T0 = 1_764_000_000_000;
const enc = new TextEncoder();
const dec = new TextDecoder();

/** A recording of `chunks` chunks of 10 messages: value k on topic s/<k % 3>, at T0 + 100 k. */
async function store(id: string, chunks: number, damageLast = false): Promise<RecordingMeta> {
  const db = await openRecordingsDb();
  const meta: RecordingMeta = { id, name: `Rec ${id}`, brokerUrl: 'ws://b', start: T0 - 50, end: T0, messages: 0, bytes: 0, status: 'complete', filter: ['#'], chunks: 0, updatedAt: 0 };
  await createRecording(db, meta);
  let last = meta;
  for (let seq = 0; seq < chunks; seq++) {
    const messages: RecordedMessage[] = Array.from({ length: 10 }, (_, j) => {
      const k = seq * 10 + j;
      return { time: T0 + 100 * k, topic: `s/${k % 3}`, qos: 0, retain: k % 2 === 0, payload: enc.encode(String(k)) };
    });
    let data = packChunk(messages);
    if (damageLast && seq === chunks - 1) data = data.subarray(0, data.length - 4);
    last = await writeChunk(db, { recordingId: id, seq, first: messages[0].time, last: messages[9].time, count: 10, data });
  }
  return last;
}

describe('openRecording', () => {
  beforeEach(() => closeRecording());

  it('reads every chunk (progress in the store), and opens the source at the end; Close puts the live Explorer state back', async () => {
    const meta = await store('many', 70); // more than one read of 32 chunks
    selectTopic('live/topic');
    setExpanded('live', true);
    const progress: number[] = [];
    const unsubscribe = useTimeTravelStore.subscribe((s) => s.phase === 'loading' && progress.push(s.loaded));
    await openRecording(meta);
    unsubscribe();
    const s = useTimeTravelStore.getState();
    expect(s.phase).toBe('open');
    expect(s.name).toBe('Rec many');
    expect(progress.filter((n) => n > 0)).toEqual([320, 640, 700]);
    const source = s.source!;
    expect(source.length).toBe(700);
    expect(source.start).toBe(meta.start);
    expect(source.trie.totalMessages).toBe(700);
    expect(dec.decode(source.trie.get('s/1')!.last!.payload)).toBe('697');
    source.seekTime(T0 + 100 * 4);
    expect(source.trie.totalMessages).toBe(5);
    expect(dec.decode(source.trie.get('s/1')!.last!.payload)).toBe('4');

    selectTopic('s/1'); // the recording's selection
    closeRecording();
    expect(useTimeTravelStore.getState().phase).toBe('closed');
    expect(useTimeTravelStore.getState().source).toBeUndefined();
    expect(useExplorerStore.getState().selected).toBe('live/topic');
    expect(useExplorerStore.getState().expanded.has('live')).toBe(true);
  });

  it('a damaged chunk: the error says so, and nothing opens', async () => {
    const meta = await store('bad', 3, true);
    await openRecording(meta);
    const s = useTimeTravelStore.getState();
    expect(s.phase).toBe('error');
    expect(s.error).toMatch(/^Could not open “Rec bad”: Recording chunk damaged/);
    expect(s.source).toBeUndefined();
  });

  it('Cancel (close) while loading abandons the load; opening another replaces it', async () => {
    const a = await store('a', 40);
    const b = await store('b', 2);
    const loading = openRecording(a);
    expect(useTimeTravelStore.getState().phase).toBe('loading');
    closeRecording();
    await loading;
    expect(useTimeTravelStore.getState().phase).toBe('closed');

    const first = openRecording(a);
    const second = openRecording(b);
    await Promise.all([first, second]);
    const s = useTimeTravelStore.getState();
    expect(s).toMatchObject({ phase: 'open', recordingId: 'b' });
    expect(s.source!.length).toBe(20);
  });
});
