import { describe, expect, it } from 'vitest';
import { emptyForm, formFromWidget, validateForm, type WidgetForm } from './widget-form';
import { defaultDashboard } from '../../core/default-dashboard';

const form = (patch: Partial<WidgetForm>): WidgetForm => ({ ...emptyForm(patch.type ?? 'switch'), ...patch });

describe('widget form', () => {
  it('turns a filled switch form into a draft (topics trimmed, numbers parsed)', () => {
    const r = validateForm(
      form({ label: ' Desk plug ', commandTopic: ' plug/set ', stateTopic: 'plug/state', onPayload: 'on', offPayload: 'off', qos: '1', timeoutMs: '1500' }),
    );
    expect(r).toMatchObject({ ok: true, draft: { type: 'switch', label: 'Desk plug', commandTopic: 'plug/set', qos: 1, timeoutMs: 1500 } });
  });

  it('reports errors per field', () => {
    const r = validateForm(form({ label: '', commandTopic: 'a/#', stateJsonPath: 'a..b', timeoutMs: '' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toMatchObject({
      label: 'Enter a label',
      commandTopic: 'Wildcards + and # are not allowed in a publish topic',
      stateJsonPath: expect.stringContaining('JSON path'),
      timeoutMs: 'Enter a number',
    });
  });

  it('refuses payloads that look like JSON but are not', () => {
    const r = validateForm(form({ label: 'K', commandTopic: 'k/set', onPayload: '{"state":"ON"', offPayload: '{"state":"OFF"}' }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.onPayload).toMatch(/^Looks like JSON but is not valid/);
      expect(r.errors.offPayload).toBeUndefined();
    }
  });

  it('maps chart series errors to Topic and JSON path', () => {
    const r = validateForm(form({ type: 'chart', label: 'C', topic: '', jsonPath: 'x[' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['jsonPath', 'topic']);
  });

  it('slider range errors land on Maximum', () => {
    const r = validateForm(form({ type: 'slider', label: 'S', topic: 's/config', min: '10', max: '5' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.max).toBe('Minimum must be less than maximum');
  });

  it('round-trips every default widget through the form unchanged', () => {
    for (const w of defaultDashboard().widgets) {
      const r = validateForm(formFromWidget(w));
      expect(r.ok).toBe(true);
      const { id: _id, pos: _pos, ...draft } = w;
      if (r.ok) expect(r.draft).toEqual(draft);
    }
  });
});
