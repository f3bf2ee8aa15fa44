import { describe, expect, it } from 'vitest';
import { Qos1Redelivery } from './qos1-redelivery';
import { forgetSessionStores, sessionStores } from './packet-stores';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('Qos1Redelivery', () => {
  it('recognises a DUP redelivery of the message last received with that packet ID, and nothing else', () => {
    const r = new Qos1Redelivery();
    expect(r.repeat(7, 'a/b', bytes('on'), false)).toBe(false); // first arrival: shown
    expect(r.repeat(7, 'a/b', bytes('on'), true)).toBe(true); // sent again after a drop: already shown
    expect(r.repeat(7, 'a/b', bytes('on'), true)).toBe(true); // and again after another drop
    expect(r.repeat(7, 'a/b', bytes('on'), false)).toBe(false); // no DUP: a new message with the same content
    expect(r.repeat(8, 'a/b', bytes('on'), true)).toBe(false); // DUP of a message we never got (lost before it arrived)
    expect(r.repeat(7, 'a/c', bytes('on'), true)).toBe(false); // another topic under the ID: another message
    expect(r.repeat(7, 'a/c', bytes('off'), true)).toBe(false); // another payload: another message ...
    expect(r.repeat(7, 'a/c', bytes('off'), true)).toBe(true); // ... which is now the one under ID 7
    expect(r.repeat(7, 'a/c', bytes('of'), true)).toBe(false); // a payload one byte shorter
    expect(r.repeat(undefined, 'a/c', bytes('of'), true)).toBe(false);
  });

  it('an empty payload, and payloads that differ in one byte', () => {
    const r = new Qos1Redelivery();
    expect(r.repeat(1, 't', new Uint8Array(0), false)).toBe(false);
    expect(r.repeat(1, 't', new Uint8Array(0), true)).toBe(true);
    const big = new Uint8Array(100_000).map((_, i) => i & 0xff);
    expect(r.repeat(2, 't', big, false)).toBe(false);
    const changed = big.slice();
    changed[54_321] ^= 1;
    expect(r.repeat(2, 't', changed, true)).toBe(false);
    expect(r.repeat(2, 't', changed.slice(), true)).toBe(true);
  });

  it('forgets everything when the broker says the session is gone', () => {
    const r = new Qos1Redelivery();
    r.repeat(3, 't', bytes('x'), false);
    r.clear();
    expect(r.size).toBe(0);
    expect(r.repeat(3, 't', bytes('x'), true)).toBe(false);
  });

  it('lives with the kept session across reconnects: the same one per broker URL + client ID, emptied with its stores', () => {
    const url = 'ws://127.0.0.1:1/';
    const first = sessionStores(url, 'qos1-test');
    first.qos1.repeat(5, 't', bytes('x'), false);
    const again = sessionStores(url, 'qos1-test'); // the next connection of the session
    expect(again.qos1).toBe(first.qos1);
    expect(again.qos1.repeat(5, 't', bytes('x'), true)).toBe(true);
    again.clear(); // CONNACK without session present
    expect(again.qos1.size).toBe(0);
    forgetSessionStores(url, 'qos1-test'); // clean start
    expect(sessionStores(url, 'qos1-test').qos1).not.toBe(first.qos1);
    forgetSessionStores(url, 'qos1-test');
  });
});
