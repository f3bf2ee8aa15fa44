import { describe, expect, it } from 'vitest';
import { AlertsModel } from './alerts-model';
import { MAX_LOG, type AlertLogEntry } from './alert-engine';
import type { AlertRule } from './alert-rules';
import type { AlertReport, RuleReport } from './alert-report';

const rule = (r: Partial<AlertRule> & Pick<AlertRule, 'id'>): AlertRule => ({ filter: 't/+', condition: 'above', value: 1, enabled: true, ...r });
const entry = (ruleId: string, topic: string, kind: 'fired' | 'cleared', seq = 1): AlertLogEntry => ({ seq, time: 1, ruleId, rule: `t/+ above 1`, topic, value: '5', kind });
const report = (over: Partial<AlertReport>): AlertReport => ({ entries: [], fired: [], rules: [], ...over });
const firing = (id: string, topics: string[]): RuleReport => ({ id, state: 'firing', active: topics.length, topics });

describe('AlertsModel (the main thread’s view of the worker’s alerts)', () => {
  it('shows a rule from its definition until the worker reports on it', () => {
    const m = new AlertsModel();
    m.setRules([rule({ id: 'a' }), rule({ id: 'off', enabled: false }), rule({ id: 'bad', filter: 'a/#/b' })]);
    expect(m.status('a')).toEqual({ state: 'waiting', active: 0, note: 'No message on a matching topic yet' });
    expect(m.status('off')).toEqual({ state: 'off', active: 0 });
    expect(m.status('bad')).toMatchObject({ state: 'invalid', note: expect.stringMatching(/Wildcard #/) });
    expect(m.status('nope')).toBeUndefined();
  });

  it('applies reports: statuses, the count, the log (numbered here), notifications for the firings', () => {
    const notified: AlertLogEntry[] = [];
    const m = new AlertsModel({ onFire: (e) => notified.push(e) });
    m.setRules([rule({ id: 'a' }), rule({ id: 'b' })]);
    let calls = 0;
    m.subscribe(() => calls++);
    m.apply(report({ entries: [entry('a', 't/1', 'fired', 7), entry('a', 't/2', 'fired', 8)], fired: [entry('a', 't/1', 'fired', 7)], rules: [firing('a', ['t/1', 't/2'])] }));
    expect(calls).toBe(1);
    expect(m.active).toBe(2);
    expect(m.status('a')).toEqual({ state: 'firing', active: 2 });
    expect(m.activeTopics('a', 1)).toEqual(['t/1']);
    expect(m.log.map((e) => `${e.seq} ${e.kind} ${e.topic}`)).toEqual(['1 fired t/1', '2 fired t/2']);
    expect(notified.map((e) => e.topic)).toEqual(['t/1']);
    expect(m.activePairs()).toEqual([['a', 't/1'], ['a', 't/2']]);
    m.apply(report({ entries: [entry('a', 't/1', 'cleared', 1)], rules: [firing('a', ['t/2'])] }));
    expect(m.active).toBe(1);
    expect(m.log.map((e) => e.seq)).toEqual([1, 2, 3]); // numbers keep growing whatever the worker's (a new worker starts at 1)
    m.clearLog();
    expect(m.log).toEqual([]);
    expect(m.active).toBe(1);
  });

  it('a changed or removed rule forgets its reported state (the worker starts it over); an unchanged one keeps it', () => {
    const m = new AlertsModel();
    m.setRules([rule({ id: 'a' }), rule({ id: 'b' })]);
    m.apply(report({ rules: [firing('a', ['t/1']), firing('b', ['t/2'])] }));
    expect(m.active).toBe(2);
    m.setRules([rule({ id: 'a' }), rule({ id: 'b', value: 9 })]);
    expect(m.active).toBe(1);
    expect(m.status('b')?.state).toBe('waiting');
    m.setRules([rule({ id: 'b', value: 9 })]);
    expect(m.active).toBe(0);
    // A late report about a rule that is gone changes nothing.
    m.apply(report({ rules: [firing('a', ['t/1'])] }));
    expect(m.active).toBe(0);
  });

  it('keeps at most MAX_LOG entries (a quarter more before trimming)', () => {
    const m = new AlertsModel();
    m.setRules([rule({ id: 'a' })]);
    for (let i = 0; i < 4; i++) m.apply(report({ entries: Array.from({ length: MAX_LOG / 2 }, (_, j) => entry('a', `t/${i}-${j}`, 'fired')) }));
    expect(m.log.length).toBeGreaterThanOrEqual(MAX_LOG);
    expect(m.log.length).toBeLessThanOrEqual(MAX_LOG + MAX_LOG / 4);
    expect(m.log.at(-1)?.topic).toBe(`t/3-${MAX_LOG / 2 - 1}`);
  });
});
