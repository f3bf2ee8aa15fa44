import { describe, expect, it } from 'vitest';
import type { MqttMessage } from './message';
import type { RecordedMessage } from './recording-format';
import { packChunk } from './recording-chunk';
import { RecordingIndexBuilder } from './recording-index-builder';
import { PackedMessages } from './recording-messages';
import { RecordingPlayer, type FrameClock } from './recording-player';
import { RecordingSource } from './recording-source';
import { seededRandom } from './test-fixtures';
import { TopicTrie } from './topic-trie';
import type { TopicNode } from './topic-node';

const T0 = 1_764_000_000_000;
const enc = new TextEncoder();
const dec = new TextDecoder();
const TOPICS = ['plant/a', 'plant/a/temp', 'plant/b/temp', 'plant/b/hum', 'x', 'x/y/z', '/lead', 'deep/1/2/3/4'];

/** n messages, values 1…n, over TOPICS; some retained, some empty (clearing retained); times repeat. */
function recorded(seed: number, n: number): RecordedMessage[] {
  const r = seededRandom(seed);
  let t = T0;
  return Array.from({ length: n }, (_, i) => {
    if (r() < 0.5) t += 1 + Math.floor(r() * 40);
    const x = r();
    return {
      time: t,
      topic: TOPICS[Math.floor(r() * r() * TOPICS.length)],
      qos: (i % 3) as 0 | 1 | 2,
      retain: x < 0.3,
      payload: x > 0.93 ? new Uint8Array(0) : enc.encode(String(i + 1)),
    };
  });
}

/** Packs the messages into chunks of 1…30 and opens them as a recording source. */
function open(messages: RecordedMessage[], seed: number, options: { checkpointEvery?: number; historyLimit?: number } = {}) {
  const r = seededRandom(seed);
  const store = new PackedMessages();
  const builder = new RecordingIndexBuilder({ checkpointEvery: options.checkpointEvery ?? 16 });
  for (let i = 0; i < messages.length; ) {
    const size = 1 + Math.floor(r() * 30);
    builder.add(store.add(packChunk(messages.slice(i, i + size))));
    i += size;
  }
  const index = builder.finish();
  const read = (i: number, topic: string) => {
    const { batch, offset } = index.locate(i);
    return store.message(batch, offset, topic);
  };
  return new RecordingSource(index, read, { historyLimit: options.historyLimit ?? 5 });
}

/** The oracle: a live TopicTrie fed every message at or before t, in order. */
function liveTrieAt(messages: RecordedMessage[], t: number, historyLimit = 5): TopicTrie {
  return liveTrieOf(messages.filter((m) => m.time <= t), historyLimit);
}

/** A live TopicTrie fed these messages, in order. */
function liveTrieOf(messages: RecordedMessage[], historyLimit = 5): TopicTrie {
  const trie = new TopicTrie({ historyLimit });
  const upTo: MqttMessage[] = messages
    .map((m) => ({ topic: m.topic, payload: m.payload, size: m.payload.length, qos: m.qos, retain: m.retain, time: m.time }));
  trie.apply(upTo);
  return trie;
}

const text = (m: MqttMessage | undefined) => (m ? `${dec.decode(m.payload)}@${m.time}${m.retain ? 'r' : ''}` : '-');

/** Every node of a trie as one line: counts, retained, last message (and history where asked). */
function describe_(trie: TopicTrie, withHistory: string | null): string[] {
  const out: string[] = [];
  const walk = (n: TopicNode) => {
    for (const c of n.sortedChildren()) {
      const hist = c.topic === withHistory ? ` h=${c.historyEntries().map(text).join(',')}` : '';
      out.push(
        `${c.topic} n=${c.messageCount} sub=${c.subtreeMessages}/${c.subtreeTopics}/${c.subtreeRetained} r=${text(c.retainedMessage)} last=${text(c.last)}${hist}`,
      );
      walk(c);
    }
  };
  walk(trie.root);
  out.push(`total=${trie.totalMessages} topics=${trie.topicCount} retained=${trie.retainedCount}`);
  return out;
}

describe('RecordingSource', () => {
  it('shows at time t exactly the messages up to t, moving forward and back in any order', () => {
    const messages = recorded(1, 400);
    const source = open(messages, 2);
    const end = messages.at(-1)!.time;
    // Opens at the end: everything.
    expect(describe_(source.trie, null)).toEqual(describe_(liveTrieAt(messages, end), null));
    const r = seededRandom(3);
    const times = [source.start, end, T0 + 100, T0 + 50, end, source.start, ...Array.from({ length: 60 }, () => T0 - 5 + r() * (end - T0 + 10))];
    for (const [k, t] of times.entries()) {
      const focus = TOPICS[k % TOPICS.length];
      source.setFocus(focus);
      source.seekTime(t);
      expect(source.time).toBe(Math.max(source.start, Math.min(source.end, t)));
      expect(describe_(source.trie, focus), `at ${t - T0} ms (move ${k})`).toEqual(describe_(liveTrieAt(messages, t), focus));
    }
  });

  it('at the start the tree is empty; stepping message by message forward then back matches the oracle at every step, also between messages of the same millisecond', () => {
    const messages = recorded(7, 120);
    expect(new Set(messages.map((m) => m.time)).size).toBeLessThan(messages.length - 20); // many share a millisecond
    const source = open(messages, 8, { checkpointEvery: 8 });
    source.setFocus('plant/a/temp');
    source.seekTime(source.start);
    expect(source.trie.topicCount).toBe(0);
    expect(source.trie.root.children.size).toBe(0);
    for (let p = 1; p <= messages.length; p++) {
      source.stepMessage(1);
      expect(source.position).toBe(p);
      expect(source.time).toBe(messages[p - 1].time);
      expect(describe_(source.trie, 'plant/a/temp'), `forward to ${p}`).toEqual(describe_(liveTrieOf(messages.slice(0, p)), 'plant/a/temp'));
    }
    source.stepMessage(1); // past the last message: nowhere to go
    expect(source.position).toBe(messages.length);
    for (let p = messages.length - 1; p >= 0; p--) {
      source.stepMessage(-1);
      expect(source.position).toBe(p);
      expect(source.time).toBe(p === 0 ? source.start : messages[p - 1].time);
      expect(describe_(source.trie, 'plant/a/temp'), `back to ${p}`).toEqual(describe_(liveTrieOf(messages.slice(0, p)), 'plant/a/temp'));
    }
    expect(source.trie.topicCount).toBe(0);
    // A seek by time after a step within a millisecond shows every message of that millisecond again.
    source.seekTime(source.end);
    const sameMs = messages.findIndex((m, i) => i > 0 && m.time === messages[i - 1].time);
    while (source.position > sameMs) source.stepMessage(-1);
    source.seekTime(source.time);
    expect(source.position).toBe(messages.filter((m) => m.time <= messages[sameMs - 1].time).length);
  });

  it('a move tells the trie once, and only when something changed; the focused topic gets its history', () => {
    const messages = recorded(11, 200);
    const source = open(messages, 12);
    let told = 0;
    source.trie.subscribe(() => told++);
    source.seekTime(source.end); // where it is
    expect(told).toBe(0);
    source.seekTime(source.start);
    expect(told).toBe(1);
    source.setFocus('plant/a');
    source.seekTime(source.end);
    expect(told).toBe(2);
    const node = source.trie.get('plant/a')!;
    const expected = messages.filter((m) => m.topic === 'plant/a').slice(-5).map((m) => dec.decode(m.payload));
    expect(node.historyEntries().map((m) => dec.decode(m.payload))).toEqual(expected);
    // Other topics keep only their last message.
    expect(source.trie.get('plant/b/temp')!.historyLength()).toBe(1);
  });

  it('Play at 100× reaches the end one frame at a time and pauses there; Play again starts over', () => {
    const messages = recorded(5, 300); // spans a few seconds
    const source = open(messages, 6);
    let now = 0;
    const frames: (() => void)[] = [];
    const clock: FrameClock = { now: () => now, request: (fn) => frames.push(fn), cancel: () => {} };
    const player = new RecordingPlayer(source, clock);
    source.seekTime(source.start);
    player.setSpeed(100);
    player.play();
    let steps = 0;
    while (frames.length) {
      now += 16;
      frames.shift()!();
      steps++;
      expect(describe_(source.trie, null)).toEqual(describe_(liveTrieAt(messages, source.time), null));
    }
    expect(player.playing).toBe(false);
    expect(source.time).toBe(source.end);
    expect(steps).toBe(Math.ceil((source.end - source.start) / 1600));
    player.play();
    expect(source.time).toBe(source.start);
    expect(player.playing).toBe(true);
    player.pause();
    expect(frames).toHaveLength(1); // the one asked for before the pause (cancelled in a browser)
    frames.shift()!();
    expect(source.time).toBe(source.start);
  });
});
