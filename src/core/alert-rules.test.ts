import { describe, expect, it } from 'vitest';
import { alertRuleSchema, describeRule, draftOf, emptyDraft, parseDraft, ruleProblem, type AlertRule, type RuleDraft } from './alert-rules';

const draft = (d: Partial<RuleDraft>): RuleDraft => ({ ...emptyDraft(), ...d });

describe('parseDraft', () => {
  it.each([
    [{ filter: '', value: '1' }, { filter: 'Topic filter must not be empty' }],
    [{ filter: 'a/#/b', value: '1' }, { filter: 'Wildcard # is only allowed as the last level' }],
    [{ filter: 'a', value: '' }, { value: 'Enter the limit' }],
    [{ filter: 'a', value: 'thirty' }, { value: 'The limit must be a number, such as 30 or 21.5' }],
    [{ filter: 'a', value: '1', jsonPath: 'a..b' }, { jsonPath: 'A JSON path such as temperature or a.b[0].c' }],
    [{ filter: 'a', value: '1', hysteresis: '-1' }, { hysteresis: 'Hysteresis cannot be negative' }],
    [{ filter: 'a', condition: 'outside', value: '10', high: '5' }, { high: 'High must be above Low' }],
    [{ filter: 'a', condition: 'outside', value: '10', high: '20', hysteresis: '5' }, { hysteresis: 'Hysteresis must be less than half the band (High − Low)' }],
    [{ filter: 'a', condition: 'silent', seconds: '0' }, { seconds: 'Seconds must be between 1 and 604800 (a week)' }],
    [{ filter: 'a', condition: 'equals', text: '' }, { text: 'Enter the text to compare with' }],
    [{ filter: 'a', condition: 'equals', text: '/(/' }, { text: expect.stringMatching(/^Not a valid regular expression/) }],
    [{ filter: 'a', condition: 'rate', value: '0' }, { value: 'The rate must be above 0 messages per second' }],
  ] as [Partial<RuleDraft>, Record<string, unknown>][])('%j → %j', (input, errors) => {
    const r = parseDraft(draft(input));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual(errors);
  });

  it('keeps only the fields the condition uses', () => {
    const r = parseDraft(draft({ filter: ' plant/+/temp ', value: '30', seconds: '5', text: 'x', jsonPath: 'v', hysteresis: '2' }));
    expect(r).toEqual({ ok: true, rule: { filter: 'plant/+/temp', condition: 'above', value: 30, jsonPath: 'v', hysteresis: 2 } });
    const s = parseDraft(draft({ filter: 's', condition: 'silent', value: '30', seconds: '60', jsonPath: 'v' }));
    expect(s).toEqual({ ok: true, rule: { filter: 's', condition: 'silent', seconds: 60 } });
    const w = parseDraft(draft({ filter: 'd/+/status', condition: 'lastwill', value: 'x' }));
    expect(w).toEqual({ ok: true, rule: { filter: 'd/+/status', condition: 'lastwill' } });
  });

  it('round-trips through draftOf', () => {
    const rule: AlertRule = { id: 'a', filter: 'o', condition: 'outside', value: 10, high: 20, hysteresis: 1, jsonPath: 'x.y', enabled: true };
    const r = parseDraft(draftOf(rule));
    expect(r).toEqual({ ok: true, rule: { filter: 'o', condition: 'outside', value: 10, high: 20, hysteresis: 1, jsonPath: 'x.y' } });
    expect(ruleProblem(rule)).toBeUndefined();
    expect(describeRule(rule)).toBe('o x.y outside 10…20 (hysteresis 1)');
  });
});

describe('alertRuleSchema', () => {
  it('refuses what is not a rule, defaults enabled', () => {
    expect(alertRuleSchema.safeParse({ id: 'a', filter: 'x', condition: 'above', value: 1 }).data).toEqual({
      id: 'a',
      filter: 'x',
      condition: 'above',
      value: 1,
      enabled: true,
    });
    for (const bad of [{ id: 'a', filter: 'x', condition: 'hotter' }, { id: 'a', filter: 'x', condition: 'above', value: '1' }, { id: '', filter: 'x', condition: 'above' }, null]) {
      expect(alertRuleSchema.safeParse(bad).success).toBe(false);
    }
  });
});
