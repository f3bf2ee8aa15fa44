/**
 * The recording starts at the click: messages that arrive while the recorder's code and
 * IndexedDB are still getting ready are recorded too, in order, before newer ones.
 */
import { describe, expect, it, vi } from 'vitest';
import type { IncomingMessage } from './batcher';
import type { StartRecording } from './record-session';

// The recorder behind record-session.ts, ready only when the test says so.
const added: string[] = [];
let ready: (() => void) | undefined;
vi.mock('./record-session', () => ({
  startRecording: (s: StartRecording) =>
    new Promise((resolve) => {
      ready = () => resolve({ brokerUrl: s.brokerUrl, add: (m: IncomingMessage) => added.push(m.topic), stop: async () => {} });
    }),
}));

const { RecordControl } = await import('./record-control');

const msg = (topic: string): IncomingMessage => ({ topic, payload: new Uint8Array([1]), qos: 0, retain: false, time: Date.now() });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Record while the recorder is still loading', () => {
  it('keeps every message from the command on and hands them over in order', async () => {
    const posted: unknown[] = [];
    const control = new RecordControl((ev) => posted.push(ev));
    control.add(msg('before/click')); // nothing records yet
    control.command({ type: 'record-start', id: 1, name: 'r' }, { url: 'ws://b', subscriptions: ['#'] });
    control.add(msg('a/1')); // record-host.ts still loading
    await vi.waitFor(() => expect(ready).toBeDefined());
    control.add(msg('a/2')); // the recorder (IndexedDB) still starting
    ready!();
    await tick();
    control.add(msg('a/3'));
    expect(added).toEqual(['a/1', 'a/2', 'a/3']);
    expect(posted).toContainEqual({ type: 'result', id: 1, ok: true });
  });
});
