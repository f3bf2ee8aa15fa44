import { beforeEach, describe, expect, it } from 'vitest';
import { addRule, importRules, removeRule, setRuleEnabled, updateRule, useAlertRulesStore } from './alert-rules-store';
import { parseRulesFile, serializeRules } from '../core/alert-rules-file';

const rules = () => useAlertRulesStore.getState().rules;

beforeEach(() => useAlertRulesStore.setState({ rules: [], notify: false }));

describe('alert rules store', () => {
  it('adds, edits (keeping id and enabled), disables and removes', () => {
    const r = addRule({ filter: 'a/+', condition: 'above', value: 1 });
    expect(r.ok).toBe(true);
    const id = r.ok ? r.id : '';
    setRuleEnabled(id, false);
    updateRule(id, { filter: 'a/#', condition: 'below', value: 2 });
    expect(rules()).toEqual([{ id, filter: 'a/#', condition: 'below', value: 2, enabled: false }]);
    removeRule(id);
    expect(rules()).toEqual([]);
  });

  it('export → import gives the same file, and identical rules are not added twice', () => {
    addRule({ filter: 'plant/+/temp', condition: 'outside', value: 10, high: 20, hysteresis: 1, jsonPath: 'v' });
    addRule({ filter: 'door', condition: 'equals', text: '/open/i', enabled: false });
    const file = serializeRules(rules());
    const parsed = parseRulesFile(file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(importRules(parsed.rules)).toEqual({ ok: true, added: 0, skipped: 2 });
    useAlertRulesStore.setState({ rules: [] });
    expect(importRules(parsed.rules)).toEqual({ ok: true, added: 2, skipped: 0 });
    expect(serializeRules(rules())).toBe(file);
  });
});

describe('parseRulesFile', () => {
  const file = (rules: unknown, extra: object = {}) => JSON.stringify({ format: 'switchyard-alert-rules', version: 1, rules, ...extra });
  it.each([
    ['not json', 'This file is not JSON'],
    [JSON.stringify({ format: 'switchyard-dashboard', version: 1 }), 'This is not a Switchyard alert rules file'],
    [file([], { version: 2 }), 'The file was made by a newer Switchyard (version 2)'],
    [file('all'), 'The file has no list of rules'],
    [file([{ filter: 'a', condition: 'above', value: 1 }, { filter: 'b', condition: 'warmer' }]), 'Rule 2 is not a valid rule (condition)'],
    [file([{ filter: 'a/#/b', condition: 'above', value: 1 }]), 'Rule 1 (a/#/b): Wildcard # is only allowed as the last level'],
    [file([{ filter: 'a', condition: 'above' }]), 'Rule 1 (a): Enter the limit'],
  ])('%s → %s', (text, error) => {
    const r = parseRulesFile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(error);
  });
});
