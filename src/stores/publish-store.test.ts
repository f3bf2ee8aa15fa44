import { beforeEach, describe, expect, it } from 'vitest';
import {
  addHistory,
  cancelQueued,
  deleteTemplate,
  emptyDraft,
  enqueue,
  expireQueued,
  hasUnsentWork,
  HISTORY_LIMIT,
  QUEUE_EXPIRY_MS,
  trackAwaiting,
  loadDraft,
  openPublishWith,
  saveTemplate,
  setDraft,
  startOutcome,
  takeQueued,
  updateOutcome,
  usePublishStore,
} from './publish-store';

const state = () => usePublishStore.getState();

beforeEach(() => {
  usePublishStore.setState({ draft: emptyDraft(), history: [], templates: [], queued: [], outcome: undefined, expired: undefined, awaitingAck: 0 });
});

describe('openPublishWith', () => {
  it('sets the topic and keeps the rest of the draft when nothing else is given', () => {
    setDraft({ payload: 'keep me', qos: 1 });
    openPublishWith({ topic: 'home/lamp' });
    expect(state().draft).toMatchObject({ topic: 'home/lamp', payload: 'keep me', qos: 1, format: 'text' });
  });

  it.each([
    [new TextEncoder().encode('{"state":"ON"}'), 'json', '{"state":"ON"}'],
    [new TextEncoder().encode('21.5'), 'text', '21.5'],
    [new Uint8Array([0xde, 0xad, 0x00]), 'hex', 'de ad 00'],
    [new Uint8Array(0), 'text', ''],
  ] as const)('picks the format that shows received bytes exactly (%#)', (payload, format, text) => {
    openPublishWith({ topic: 't', payload, qos: 2, retain: true });
    expect(state().draft).toMatchObject({ topic: 't', payload: text, format, qos: 2, retain: true });
  });

  it('uses text payloads as given and merges properties', () => {
    openPublishWith({ topic: 't', payload: 'AAE=', format: 'base64', properties: { contentType: 'x/y' } });
    expect(state().draft).toMatchObject({ payload: 'AAE=', format: 'base64', properties: { contentType: 'x/y', responseTopic: '' } });
  });

  it('clears the previous outcome', () => {
    startOutcome('ok', 'Sent');
    openPublishWith({ topic: 't' });
    expect(state().outcome).toBeUndefined();
  });
});

describe('history', () => {
  it('keeps the newest 50, newest first, as copies', () => {
    const d = { ...emptyDraft(), topic: 'a' };
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) addHistory({ ...d, payload: String(i) }, i);
    expect(state().history).toHaveLength(HISTORY_LIMIT);
    expect(state().history[0].payload).toBe(String(HISTORY_LIMIT + 4));
    expect(state().history.at(-1)!.payload).toBe('5');
    d.properties.userProperties.push({ key: 'k', value: 'v' });
    expect(state().history[0].properties.userProperties).toEqual([]);
  });

  it('loadDraft restores every field of an entry', () => {
    addHistory({ ...emptyDraft(), topic: 'x', payload: 'ff', format: 'hex', qos: 2, retain: true });
    loadDraft(state().history[0]);
    expect(state().draft).toEqual({ ...emptyDraft(), topic: 'x', payload: 'ff', format: 'hex', qos: 2, retain: true });
    expect(state().draft).not.toHaveProperty('id');
  });
});

describe('templates', () => {
  it('saves, replaces by name, deletes', () => {
    saveTemplate('Lamp on', { ...emptyDraft(), topic: 'lamp', payload: 'on' });
    saveTemplate('Lamp off', { ...emptyDraft(), topic: 'lamp', payload: 'off' });
    const id = state().templates[0].id;
    saveTemplate('Lamp on', { ...emptyDraft(), topic: 'lamp', payload: 'ON' });
    expect(state().templates.map((t) => [t.name, t.payload])).toEqual([['Lamp on', 'ON'], ['Lamp off', 'off']]);
    expect(state().templates[0].id).toBe(id);
    deleteTemplate(id);
    expect(state().templates.map((t) => t.name)).toEqual(['Lamp off']);
  });
});

describe('queue and outcome', () => {
  it('queues in order, cancels one, takes the rest', () => {
    const req = { topic: 'a', payload: new Uint8Array(), qos: 1 as const, retain: false };
    enqueue(emptyDraft(), req);
    enqueue(emptyDraft(), { ...req, topic: 'b' });
    enqueue(emptyDraft(), { ...req, topic: 'c' });
    cancelQueued(state().queued[1].id);
    expect(takeQueued().map((q) => q.request.topic)).toEqual(['a', 'c']);
    expect(state().queued).toEqual([]);
  });

  it('a late answer to an older attempt does not overwrite a newer one', () => {
    const first = startOutcome('sending', 'Publishing a');
    const second = startOutcome('sending', 'Publishing b');
    updateOutcome(first, 'ok', 'a acknowledged');
    expect(state().outcome?.message).toBe('Publishing b');
    updateOutcome(second, 'error', 'b refused');
    expect(state().outcome).toMatchObject({ kind: 'error', message: 'b refused' });
  });
});

describe('the offline queue', () => {
  const req = (topic: string) => ({ topic, payload: new Uint8Array(), qos: 1 as const, retain: false });

  it('expires messages older than the limit, notes them, and never hands them out', () => {
    const t0 = 1_000_000;
    enqueue(emptyDraft(), req('old/one'), t0);
    enqueue(emptyDraft(), req('fresh/one'), t0 + QUEUE_EXPIRY_MS - 1000);
    expireQueued(t0 + QUEUE_EXPIRY_MS);
    expect(state().queued.map((q) => q.request.topic)).toEqual(['fresh/one']);
    expect(state().expired).toEqual({ count: 1, topics: ['old/one'] });
    expireQueued(t0 + 2 * QUEUE_EXPIRY_MS);
    expect(state().queued).toEqual([]);
    expect(state().expired).toEqual({ count: 2, topics: ['old/one', 'fresh/one'] });
  });

  it('takeQueued drops what has expired', () => {
    enqueue(emptyDraft(), req('stale'), Date.now() - QUEUE_EXPIRY_MS - 1);
    enqueue(emptyDraft(), req('ok'));
    expect(takeQueued().map((q) => q.request.topic)).toEqual(['ok']);
    expect(state().expired?.topics).toEqual(['stale']);
  });

  it('asks before leaving while something is queued or awaits its acknowledgement', () => {
    expect(hasUnsentWork()).toBe(false);
    enqueue(emptyDraft(), req('q'));
    expect(hasUnsentWork()).toBe(true);
    takeQueued();
    expect(hasUnsentWork()).toBe(false);
    trackAwaiting(1);
    expect(hasUnsentWork()).toBe(true);
    trackAwaiting(-1);
    expect(hasUnsentWork()).toBe(false);
  });
});
