/**
 * Alert rules in the MQTT worker (alert-worker.ts): fed each message as worker-host.ts does,
 * before the batcher, and read through the reports the main thread gets. Timers are faked.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkerAlerts } from './alert-worker';
import { Batcher, type IncomingMessage } from './batcher';
import type { AlertsEvent } from './alert-protocol';
import type { BatchEvent } from './protocol';
import type { AlertRule } from '../core/alert-rules';
import type { AlertReport } from '../core/alert-report';

const T0 = 1_700_000_000_000;
const enc = new TextEncoder();
const msg = (topic: string, text: string, extra: Partial<IncomingMessage> = {}): IncomingMessage => ({
  topic,
  payload: enc.encode(text),
  qos: 0,
  retain: false,
  time: Date.now(),
  ...extra,
});
const rule = (r: Partial<AlertRule> & Pick<AlertRule, 'filter' | 'condition'>): AlertRule => ({ id: 'r1', enabled: true, ...r });

let reports: AlertReport[];
let alerts: WorkerAlerts;
const start = (rules: AlertRule[], connected = true, active?: [string, string][]) => {
  alerts = new WorkerAlerts((ev: AlertsEvent) => reports.push(ev.report), connected);
  alerts.setRules(rules, active);
};
const logged = () => reports.flatMap((r) => r.entries.map((e) => `${e.kind} ${e.topic} ${e.value}`));
const lastStatus = (id: string) => reports.flatMap((r) => r.rules).filter((r) => r.id === id).at(-1);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  reports = [];
});
afterEach(() => {
  alerts.setRules([]); // stops its clock
  vi.useRealTimers();
});

describe('alert rules in the worker', () => {
  it('see every message of a flood the batcher coalesces: a crossing the main thread never gets still fires', () => {
    start([rule({ filter: 'flood', condition: 'above', value: 100, jsonPath: 'v' })]);
    const batches: BatchEvent[] = [];
    const batcher = new Batcher({ emit: (b) => batches.push(b), schedule: () => {}, maxPending: 1_000, keepPerTopic: 10 });
    // 2,000 readings in one frame; the one crossing the limit is early, so it is coalesced away.
    for (let i = 0; i < 2_000; i++) {
      const m = msg('flood', `{"v":${i === 50 ? 150 : 1}}`);
      alerts.add(m);
      batcher.add(m);
    }
    batcher.flush();
    alerts.flushed();
    vi.advanceTimersByTime(100);
    const carried = batches.flatMap((b) => b.messages).length;
    expect(carried).toBeLessThan(1_100); // most were coalesced into counts…
    expect(batches[0].extraCounts?.flood).toBe(2_000 - carried);
    expect(logged()).toEqual(['fired flood 150', 'cleared flood 1']); // …yet the rule saw the crossing
  });

  it('report only what changed: statuses once, transitions as they happen, at most ten times a second', () => {
    start([rule({ filter: 't', condition: 'above', value: 10 }), rule({ id: 'r2', filter: 'u', condition: 'above', value: 10 })]);
    // Right away: every rule's status (waiting).
    expect(reports).toHaveLength(1);
    expect(reports[0].rules.map((r) => `${r.id} ${r.state}`)).toEqual(['r1 waiting', 'r2 waiting']);
    alerts.add(msg('t', '5'));
    alerts.flushed();
    alerts.add(msg('t', '11'));
    alerts.flushed();
    vi.advanceTimersByTime(99);
    expect(reports).toHaveLength(1); // within 100 ms of the last report: not yet
    vi.advanceTimersByTime(1);
    expect(reports).toHaveLength(2);
    expect(reports[1]).toMatchObject({ entries: [{ kind: 'fired', topic: 't', value: '11' }], fired: [{ ruleId: 'r1' }] });
    expect(reports[1].rules).toEqual([{ id: 'r1', state: 'firing', active: 1, topics: ['t'] }]); // r2 did not change
    // Values that change nothing: no report at all.
    alerts.add(msg('t', '12'));
    alerts.flushed();
    vi.advanceTimersByTime(500);
    expect(reports).toHaveLength(2);
  });

  it('a retained replay of the payload already seen is not a new message; a changed one is', () => {
    start([rule({ filter: 'dev/+', condition: 'silent', seconds: 5 })]);
    alerts.add(msg('dev/a', 'online', { retain: true }));
    vi.advanceTimersByTime(6_000); // the 1 s clock judges silence
    expect(logged()).toEqual(['fired dev/a nothing for 5 s']);
    alerts.add(msg('dev/a', 'online', { retain: true, replay: true })); // resubscribed: the same state again
    vi.advanceTimersByTime(1_000);
    expect(logged()).toEqual(['fired dev/a nothing for 5 s']);
    alerts.add(msg('dev/a', 'offline', { retain: true, replay: true })); // it changed while we were away: heard
    vi.advanceTimersByTime(1_000);
    expect(logged()).toEqual(['fired dev/a nothing for 5 s', 'cleared dev/a heard again']);
  });

  it('silence is not judged while disconnected, and counts again from the reconnect', () => {
    start([rule({ filter: 'hb', condition: 'silent', seconds: 3 })]);
    alerts.add(msg('hb', '1'));
    alerts.connectionChanged(false);
    vi.advanceTimersByTime(10_000);
    expect(logged()).toEqual([]);
    alerts.connectionChanged(true);
    vi.advanceTimersByTime(2_000);
    expect(logged()).toEqual([]);
    vi.advanceTimersByTime(1_100);
    expect(logged()).toEqual(['fired hb nothing for 3 s']);
  });

  it('rate rules count every message here (exact in a flood), judged on the 1 s clock', () => {
    start([rule({ filter: 'f', condition: 'rate', value: 50 })]);
    for (let s = 0; s < 11; s++) {
      for (let i = 0; i < 80; i++) alerts.add(msg('f', 'x'));
      vi.advanceTimersByTime(1_000);
    }
    // Over the last 10 whole seconds: 7 of them at 80 msg/s (56 msg/s) is the first above 50.
    expect(logged()).toEqual(['fired f 56.0 msg/s']);
  });

  it('a new worker given the firing pairs can clear them; rule notes reach the main thread', () => {
    start([rule({ filter: 'p/+', condition: 'above', value: 30, jsonPath: 'temp' })], true, [['r1', 'p/a']]);
    expect(lastStatus('r1')).toMatchObject({ state: 'firing', active: 1, topics: ['p/a'] });
    alerts.add(msg('p/b', 'hot'));
    alerts.add(msg('p/a', '{"temp":20}'));
    alerts.flushed();
    vi.advanceTimersByTime(100);
    expect(logged()).toEqual(['cleared p/a 20']);
    alerts.add(msg('p/b', 'hot'));
    alerts.flushed();
    vi.advanceTimersByTime(100);
    expect(lastStatus('r1')).toMatchObject({ state: 'ok', active: 0, note: 'JSON path did not match: p/b (2 messages skipped)' });
  });
});
