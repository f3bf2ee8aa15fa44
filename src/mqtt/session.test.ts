/**
 * The main-thread session with a fake worker (the Session's createWorker option): the test plays
 * the worker, sending WorkerEvents (protocol.ts) to its onmessage and reading the commands it was
 * posted. Frames are stubbed (requestAnimationFrame) and timers faked, so nothing here waits.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Session } from './session';
import { FakeWorker } from './test-worker';
import { useSessionStore } from '../stores/session-store';
import { hasUnfinishedWork } from '../lib/leave-guard';
import type { BatchEvent, WireMessage } from './protocol';
import type { MqttMessage } from '../core/message';
import { makeProfile } from '../core/test-fixtures';

const profile = makeProfile;

/** A batch as the worker's batcher builds it: every payload in one buffer, at its offset. */
function batch(msgs: { topic: string; text: string; retain?: boolean; replay?: boolean }[], extraCounts?: Record<string, number>): BatchEvent {
  const enc = new TextEncoder();
  const parts = msgs.map((m) => enc.encode(m.text));
  const buffer = new ArrayBuffer(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  const messages: WireMessage[] = msgs.map((m, i) => {
    new Uint8Array(buffer, offset, parts[i].length).set(parts[i]);
    const w: WireMessage = { topic: m.topic, offset, length: parts[i].length, size: parts[i].length, qos: 0, retain: !!m.retain, time: 1000 + i };
    if (m.replay) w.replay = true;
    offset += parts[i].length;
    return w;
  });
  return { type: 'batch', messages, buffer, ...(extraCounts ? { extraCounts } : {}) };
}

const text = (m: MqttMessage) => new TextDecoder().decode(m.payload);

let frames: FrameRequestCallback[];
/** Runs the animation frames requested so far. */
const frame = () => frames.splice(0).forEach((f) => f(0));
let workers: FakeWorker[];
let s: Session;
let batches: { messages: string[]; replays: string[] }[];

beforeEach(() => {
  vi.useFakeTimers();
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
  workers = [];
  s = new Session({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
  });
  batches = [];
  s.onBatch((messages, replays) => batches.push({ messages: messages.map((m) => `${m.topic}=${text(m)}`), replays: replays.map((m) => `${m.topic}=${text(m)}`) }));
  useSessionStore.setState({ state: 'idle', reason: undefined, capabilities: undefined });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Connects through the fake worker; returns it. */
function connect(): FakeWorker {
  s.connect(profile());
  const w = workers.at(-1)!;
  w.emit({ type: 'status', state: 'connected', protocolVersion: 5 });
  return w;
}

describe('batches', () => {
  it('are applied once per frame: all that arrived before it, with one notification', () => {
    const w = connect();
    w.emit(batch([{ topic: 'a', text: '1' }]));
    w.emit(batch([{ topic: 'b', text: '2' }, { topic: 'a', text: '3' }]));
    expect(batches).toEqual([]);
    expect(s.trie.get('a')).toBeUndefined();
    frame();
    expect(batches).toEqual([{ messages: ['a=1', 'b=2', 'a=3'], replays: [] }]);
    expect(s.trie.get('a')?.messageCount).toBe(2);
    expect(s.received).toBe(3);
    // The fallback timer of that frame finds nothing more to do.
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(1);
  });

  it('in a hidden tab (no frames) they are still applied, a few times a second', () => {
    const w = connect();
    w.emit(batch([{ topic: 'a', text: '1' }]));
    vi.advanceTimersByTime(250);
    expect(batches).toEqual([{ messages: ['a=1'], replays: [] }]);
  });

  it('copy each payload out of the shared buffer: the bytes stay when the buffer is reused', () => {
    const w = connect();
    const b = batch([{ topic: 'x', text: 'hello' }, { topic: 'y', text: 'world' }]);
    w.emit(b);
    frame();
    new Uint8Array(b.buffer).fill(0);
    expect(text(s.trie.get('x')!.last!)).toBe('hello');
    expect(text(s.trie.get('y')!.last!)).toBe('world');
    expect(s.trie.get('x')!.last!.payload.buffer).not.toBe(b.buffer);
  });

  it('merge the coalesced counts into the topic counts and the totals', () => {
    const w = connect();
    w.emit(batch([{ topic: 'flood', text: 'last' }], { flood: 40, other: 2 }));
    w.emit(batch([], { flood: 9 }));
    frame();
    expect(s.trie.get('flood')?.messageCount).toBe(50);
    expect(s.received).toBe(52);
    expect(s.coalesced).toBe(51);
    expect(batches).toEqual([{ messages: ['flood=last'], replays: [] }]);
  });

  it('hand the coalesced counts, bytes and largest size to batch listeners (the traffic model stays exact)', () => {
    const w = connect();
    const seen: unknown[] = [];
    s.onBatch((_m, _r, coalesced) => seen.push(coalesced && Object.fromEntries(Object.entries(coalesced).map(([k, v]) => [k, Object.fromEntries(v)]))));
    w.emit({ ...batch([{ topic: 'flood', text: 'last' }], { flood: 40 }), extraBytes: { flood: 400 }, extraLargest: { flood: 12 } });
    w.emit({ ...batch([], { flood: 9 }), extraBytes: { flood: 90 }, extraLargest: { flood: 30 } });
    w.emit(batch([{ topic: 'quiet', text: 'x' }]));
    frame();
    expect(seen).toEqual([{ counts: { flood: 49 }, bytes: { flood: 490 }, largest: { flood: 30 } }]);
    w.emit(batch([{ topic: 'quiet', text: 'y' }]));
    frame();
    expect(seen[1]).toBeUndefined();
  });
});

describe('retained replays after a resubscription', () => {
  it('a replay identical to the last message is not counted again but passed on as a replay', () => {
    const w = connect();
    w.emit(batch([{ topic: 'lamp', text: 'on', retain: true }]));
    frame();
    w.emit(batch([{ topic: 'lamp', text: 'on', retain: true, replay: true }]));
    frame();
    expect(batches[1]).toEqual({ messages: [], replays: ['lamp=on'] });
    expect(s.trie.get('lamp')?.messageCount).toBe(1);
  });

  it('a replay that differs from what is shown is a new message, counted', () => {
    const w = connect();
    w.emit(batch([{ topic: 'lamp', text: 'on', retain: true }]));
    frame();
    w.emit(batch([{ topic: 'lamp', text: 'off', retain: true, replay: true }]));
    frame();
    expect(batches[1]).toEqual({ messages: ['lamp=off'], replays: [] });
    expect(s.trie.get('lamp')?.messageCount).toBe(2);
    expect(text(s.trie.get('lamp')!.last!)).toBe('off');
  });

  it('a replay of a topic never seen is counted', () => {
    const w = connect();
    w.emit(batch([{ topic: 'new', text: '1', retain: true, replay: true }]));
    frame();
    expect(batches).toEqual([{ messages: ['new=1'], replays: [] }]);
    expect(s.trie.get('new')?.messageCount).toBe(1);
  });
});

describe('requests', () => {
  it('a publish is sent to the worker and resolved by its result; leaving the page asks meanwhile', async () => {
    const w = connect();
    const p = s.publish({ topic: 'cmd/x', payload: new Uint8Array([1, 2]), qos: 1, retain: false });
    const sent = w.commands.find((c) => c.type === 'publish');
    expect(sent).toMatchObject({ type: 'publish', topic: 'cmd/x', payload: new Uint8Array([1, 2]), qos: 1, retain: false });
    expect(hasUnfinishedWork()).toBe(true);
    w.emit({ type: 'result', id: (sent as { id: number }).id, ok: false, error: 'Not authorized', reasonCode: 135 });
    expect(await p).toMatchObject({ ok: false, error: 'Not authorized', reasonCode: 135 });
    expect(hasUnfinishedWork()).toBe(false);
  });

  it('the answers go to the request they belong to', async () => {
    const w = connect();
    const sub = s.subscribe(['a/#']);
    const pub = s.publish({ topic: 'b', payload: new Uint8Array(0), qos: 0, retain: false });
    const [subCmd, pubCmd] = w.commands.filter((c) => c.type === 'subscribe' || c.type === 'publish') as { id: number }[];
    w.emit({ type: 'result', id: pubCmd.id, ok: true });
    w.emit({ type: 'result', id: subCmd.id, ok: true, subscriptions: [{ filter: 'a/#', code: 1 }] });
    expect(await pub).toMatchObject({ ok: true });
    expect(await sub).toMatchObject({ ok: true, subscriptions: [{ filter: 'a/#', code: 1 }] });
  });

  it('when the worker fails, every pending request is answered with the failure and the status says so', async () => {
    const w = connect();
    const pub = s.publish({ topic: 'b', payload: new Uint8Array([1]), qos: 1, retain: false });
    const fetch = s.fetchRetained(['big']);
    const preventDefault = vi.fn();
    w.onerror!({ message: 'out of memory', preventDefault } as unknown as ErrorEvent);
    const reason = 'The connection worker failed: out of memory';
    expect(await pub).toMatchObject({ ok: false, error: reason });
    expect(await fetch).toMatchObject({ ok: false, error: reason });
    expect(preventDefault).toHaveBeenCalled();
    expect(w.terminated).toBe(true);
    expect(useSessionStore.getState()).toMatchObject({ state: 'error', reason: `${reason}. Connect again from Connections.` });
    // Connecting again starts a fresh worker.
    s.connect(profile());
    expect(workers).toHaveLength(2);
    expect(workers[1].commands.map((c) => c.type)).toEqual(['connect']);
  });

  it('a message from the worker that cannot be read is an error status, not a silent hang', async () => {
    const w = connect();
    const sub = s.subscribe(['x']);
    w.onmessageerror!({} as MessageEvent);
    expect(await sub).toMatchObject({ ok: false, error: 'The connection worker sent a message that could not be read.' });
    expect(useSessionStore.getState().state).toBe('error');
  });
});

describe('connect', () => {
  it('sends the profile as a connect request and shows Connecting until the worker reports', () => {
    s.connect(profile({ moreUrls: ['ws://127.0.0.1:9002'], willTopic: 'bye', willPayload: 'gone', willQos: 1 }));
    expect(useSessionStore.getState()).toMatchObject({ state: 'connecting', brokerUrl: 'ws://127.0.0.1:9001', clientId: 'me' });
    expect(workers[0].commands).toEqual([
      {
        type: 'connect',
        request: expect.objectContaining({
          url: 'ws://127.0.0.1:9001',
          urls: ['ws://127.0.0.1:9001', 'ws://127.0.0.1:9002'],
          clientId: 'me',
          clientIdChosen: true,
          protocolVersion: 5,
          subscriptions: ['#'],
          will: { topic: 'bye', payload: 'gone', qos: 1, retain: false },
        }),
      },
    ]);
    workers[0].emit({ type: 'status', state: 'connected', protocolVersion: 4, note: 'fell back' });
    expect(useSessionStore.getState()).toMatchObject({ state: 'connected', protocolVersion: 4, note: 'fell back' });
  });

  it.each([
    ['not a WebSocket URL', { url: 'mqtt://broker:1883' }, /^Broker URL of “Plant”: Use a WebSocket URL/],
    ['credentials in a further URL', { moreUrls: ['ws://u:p@broker:9001'] }, /^Broker URL of “Plant”: Put credentials in Username and Password/],
    ['not a URL', { url: 'broker' }, /^Broker URL of “Plant”: Enter a broker URL/],
  ])('a profile with a bad broker URL (%s) is refused with the reason; nothing is sent', (_name, over, reason) => {
    s.connect(profile(over));
    expect(useSessionStore.getState().state).toBe('error');
    expect(useSessionStore.getState().reason).toMatch(reason);
    expect(workers).toHaveLength(0);
  });

  it('tells the connection listeners when it comes up and when it goes away, once per edge', () => {
    const seen: string[] = [];
    s.onConnected(() => seen.push('up'));
    s.onDisconnected(() => seen.push('down'));
    const w = connect();
    w.emit({ type: 'status', state: 'connected' });
    w.emit({ type: 'status', state: 'reconnecting', retryAt: 5000 });
    w.emit({ type: 'status', state: 'connecting' });
    w.emit({ type: 'status', state: 'connected' });
    expect(seen).toEqual(['up', 'down', 'up']);
  });
});

describe('alert rules (evaluated in the worker)', () => {
  it('go to the worker, and again to a worker started after a failure, with what fires now; its reports reach the listeners', () => {
    const pairs: [string, string][] = [['r1', 'plant/a/temp']];
    const rules = [{ id: 'r1', filter: 'plant/+/temp', condition: 'above' as const, value: 30, enabled: true }];
    s.setAlertRules((newWorker) => (newWorker ? { type: 'alert-rules', rules, active: pairs } : { type: 'alert-rules', rules }));
    expect(workers).toHaveLength(0); // no worker yet: they wait for it
    const w = connect();
    expect(w.commands.map((c) => c.type)).toEqual(['alert-rules', 'connect']);
    const reports: unknown[] = [];
    s.onAlerts((ev) => reports.push(ev.report));
    const report = { entries: [], fired: [], rules: [{ id: 'r1', state: 'ok' as const, active: 0, topics: [] }] };
    w.emit({ type: 'alerts', report });
    expect(reports).toEqual([report]);
    // A rule change goes to the running worker as it is.
    s.setAlertRules(() => ({ type: 'alert-rules', rules: [] }));
    expect(w.commands.at(-1)).toEqual({ type: 'alert-rules', rules: [] });
    s.setAlertRules((newWorker) => (newWorker ? { type: 'alert-rules', rules, active: pairs } : { type: 'alert-rules', rules }));
    w.onerror!({ message: 'boom', preventDefault: () => {} } as unknown as ErrorEvent);
    s.connect(profile());
    expect(workers[1].commands).toEqual([{ type: 'alert-rules', rules, active: pairs }, expect.objectContaining({ type: 'connect' })]);
  });
});
