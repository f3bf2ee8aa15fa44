import { expect, test } from 'vitest';
import type { IStore } from 'mqtt';
import { forgetSessionStores, sessionStores } from './packet-stores';

const get = (s: IStore, messageId: number) =>
  new Promise<unknown>((resolve) => s.get({ messageId }, (err, p) => resolve(err ? null : p)));

const pub = (messageId: number) => ({ cmd: 'publish' as const, topic: 't', payload: String(messageId), qos: 2 as const, dup: false, retain: false, messageId });

test('the same client ID on the same broker gets the same stores, which survive close()', async () => {
  const a = sessionStores('ws://h:1', 'me');
  a.incomingStore.put(pub(7), () => {});
  await new Promise<void>((r) => a.incomingStore.close(() => r()));
  const b = sessionStores('ws://h:1', 'me');
  expect(b.incomingStore).toBe(a.incomingStore);
  expect(await get(b.incomingStore, 7)).toMatchObject({ messageId: 7 });
  expect(sessionStores('ws://h:1', 'other').incomingStore).not.toBe(a.incomingStore);
  expect(sessionStores('ws://h:2', 'me').incomingStore).not.toBe(a.incomingStore);
});

test('clear() empties both stores; forgetting starts a new pair', async () => {
  const a = sessionStores('ws://h:1', 'clear-me');
  a.incomingStore.put(pub(1), () => {});
  a.outgoingStore.put(pub(2), () => {});
  a.clear();
  expect(await get(a.incomingStore, 1)).toBeNull();
  expect(await get(a.outgoingStore, 2)).toBeNull();
  forgetSessionStores('ws://h:1', 'clear-me');
  expect(sessionStores('ws://h:1', 'clear-me').incomingStore).not.toBe(a.incomingStore);
});
