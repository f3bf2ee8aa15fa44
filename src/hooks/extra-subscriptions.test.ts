import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SessionState } from '../stores/session-store';
import { ExtraSubscriptions, uncoveredTopics } from './extra-subscriptions';

let store: StoreApi<SessionState>;
let calls: string[];
let extras: ExtraSubscriptions;

beforeEach(() => {
  store = createStore<SessionState>(() => ({ state: 'idle', subscriptions: [] }));
  calls = [];
  extras = new ExtraSubscriptions({
    subscribe: async (f) => (calls.push(`subscribe ${f.join(',')}`), { ok: true }),
    unsubscribe: async (f) => calls.push(`unsubscribe ${f.join(',')}`),
    getState: () => store.getState(),
  });
  store.subscribe((s, prev) => extras.sessionChanged(s, prev));
});

afterEach(() => {
  vi.useRealTimers();
});

const connected = () => store.setState({ state: 'connected', subscriptions: [] });
const granted = (...filters: string[]) => store.setState({ subscriptions: filters.map((filter) => ({ filter, code: 2 })) });
const dropped = () => store.setState({ state: 'reconnecting' });

test('a topic under # is never subscribed again, even when the granted list comes late after a reconnect', () => {
  extras.want(['lab/desk/state']);
  connected();
  granted('#');
  dropped();
  vi.useFakeTimers();
  connected(); // a kept session: the worker reports what it holds, a while later
  vi.advanceTimersByTime(30_000); // no guessing on a timer with an empty granted list
  expect(calls).toEqual([]);
  granted('#');
  expect(calls).toEqual([]);
});

test('an uncovered filter is subscribed once per connection, only after the granted list, and released', async () => {
  const release = extras.want(['$SYS/broker/uptime', 'lab/x']);
  connected();
  expect(calls).toEqual([]);
  granted('lab/#');
  expect(calls).toEqual(['subscribe $SYS/broker/uptime']);
  dropped();
  connected();
  granted('lab/#');
  expect(calls).toEqual(['subscribe $SYS/broker/uptime', 'subscribe $SYS/broker/uptime']);
  release();
  await settle();
  expect(calls.at(-1)).toBe('unsubscribe $SYS/broker/uptime');
});

test('wanted while connected with a current granted list: subscribed at once', () => {
  connected();
  granted('a/#');
  extras.want(['b/c']);
  expect(calls).toEqual(['subscribe b/c']);
});

test('uncoveredTopics reads wanted filters as topics', () => {
  expect(uncoveredTopics(['a/+', '$SYS/#', 'b'], ['#'])).toEqual(['$SYS/#']);
});

/** Lets promise callbacks (the fake broker's answers, deferred work) run. */
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

test('released and wanted again at once (React StrictMode, or a view handing over to the next): no unsubscribe goes out', async () => {
  connected();
  granted('#');
  const release = extras.want(['$SYS/broker/#']);
  release();
  extras.want(['$SYS/broker/#']);
  await settle();
  // Subscribe, unsubscribe, subscribe in one go reaches a broker that handles a batch of packets
  // concurrently (aedes) as subscribe, subscribe, unsubscribe: the statistics never arrived.
  expect(calls).toEqual(['subscribe $SYS/broker/#']);
});

test('an unsubscribe waits for the subscribe of the same filter to be answered, and a new subscribe for the unsubscribe', async () => {
  const answers: Array<() => void> = [];
  const ops: string[] = [];
  const slow = new ExtraSubscriptions({
    subscribe: (f) => (ops.push(`subscribe ${f.join(',')}`), new Promise((r) => answers.push(() => r({ ok: true })))),
    unsubscribe: (f) => (ops.push(`unsubscribe ${f.join(',')}`), new Promise((r) => answers.push(() => r(undefined)))),
    getState: () => store.getState(),
  });
  store.subscribe((s, prev) => slow.sessionChanged(s, prev));
  connected();
  granted('#');
  const release = slow.want(['$SYS/broker/#']);
  await settle();
  release();
  await settle();
  expect(ops).toEqual(['subscribe $SYS/broker/#']); // the SUBACK has not come yet
  answers.shift()!();
  await settle();
  expect(ops).toEqual(['subscribe $SYS/broker/#', 'unsubscribe $SYS/broker/#']);
  slow.want(['$SYS/broker/#']);
  await settle();
  expect(ops).toHaveLength(2); // the UNSUBACK has not come yet
  answers.shift()!();
  await settle();
  expect(ops).toEqual(['subscribe $SYS/broker/#', 'unsubscribe $SYS/broker/#', 'subscribe $SYS/broker/#']);
});
