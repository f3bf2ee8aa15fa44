import { describe, expect, it } from 'vitest';
import { dashboardContentSchema, describeIssues, widgetSchema } from './dashboard-schema';
import { defaultDashboard } from './default-dashboard';

const pos = { x: 0, y: 0, w: 3, h: 2 };

describe('widget schema', () => {
  it('fills defaults for a minimal switch (Home Assistant defaults, 5 s timeout)', () => {
    const w = widgetSchema.parse({ id: 'a', type: 'switch', label: 'Lamp', pos, commandTopic: 'x/set' });
    expect(w).toMatchObject({
      stateTopic: '',
      onPayload: 'ON',
      offPayload: 'OFF',
      stateOn: '',
      stateOff: '',
      qos: 0,
      retain: false,
      availabilityOnline: 'online',
      availabilityOffline: 'offline',
      timeoutMs: 5000,
    });
  });

  it.each([
    [{ commandTopic: '' }, 'commandTopic: Topic must not be empty'],
    [{ commandTopic: 'a/+/b' }, 'commandTopic: Wildcards + and # are not allowed in a publish topic'],
    [{ commandTopic: 'a', stateTopic: 'a/#' }, 'stateTopic: Wildcards'],
    [{ commandTopic: 'a', stateJsonPath: 'a..b' }, 'stateJsonPath: Use a JSON path'],
    [{ commandTopic: 'a', qos: 3 }, 'qos'],
    [{ commandTopic: 'a', timeoutMs: 50 }, 'timeoutMs: At least 200 ms'],
    [{ commandTopic: 'a', label: '   ' }, 'label: Enter a label'],
  ])('rejects %j', (patch, message) => {
    const r = widgetSchema.safeParse({ id: 'a', type: 'switch', label: 'Lamp', pos, ...patch });
    expect(r.success).toBe(false);
    if (!r.success) expect(describeIssues(r.error)).toContain(message);
  });

  it('checks slider ranges and templates', () => {
    const base = { id: 's', type: 'slider', label: 'S', pos, topic: 'a/config' };
    expect(widgetSchema.safeParse({ ...base, min: 10, max: 10 }).success).toBe(false);
    expect(widgetSchema.safeParse({ ...base, step: 0 }).success).toBe(false);
    const noPlaceholder = widgetSchema.safeParse({ ...base, payloadTemplate: '{"interval_ms": 5}' });
    expect(noPlaceholder.success).toBe(false);
    if (!noPlaceholder.success) expect(describeIssues(noPlaceholder.error)).toContain('Put {value} where the number goes');
    expect(widgetSchema.safeParse({ ...base, payloadTemplate: '{"interval_ms": {value}}' }).success).toBe(true);
  });

  it('rejects unknown widget types and bad positions', () => {
    expect(widgetSchema.safeParse({ id: 'a', type: 'clock', label: 'C', pos }).success).toBe(false);
    const r = widgetSchema.safeParse({ id: 'a', type: 'value', label: 'V', topic: 't', pos: { ...pos, w: 13 } });
    expect(r.success).toBe(false);
  });

  it('needs at least one series for a chart', () => {
    expect(widgetSchema.safeParse({ id: 'c', type: 'chart', label: 'C', pos, series: [] }).success).toBe(false);
    const ok = widgetSchema.parse({ id: 'c', type: 'chart', label: 'C', pos, series: [{ topic: 't' }] });
    expect(ok).toMatchObject({ series: [{ topic: 't', field: '' }], window: '5m' });
  });
});

describe('dashboard content schema', () => {
  it('accepts the default dashboard unchanged', () => {
    const { name, widgets } = defaultDashboard();
    expect(dashboardContentSchema.parse({ name, widgets })).toEqual({ name, widgets });
  });

  it('refuses duplicate widget ids', () => {
    const { widgets } = defaultDashboard();
    const r = dashboardContentSchema.safeParse({ name: 'x', widgets: [widgets[0], widgets[0]] });
    expect(r.success).toBe(false);
    if (!r.success) expect(describeIssues(r.error)).toBe('widgets: Two widgets share an id');
  });

  it('describes nested issues with their path', () => {
    const r = dashboardContentSchema.safeParse({
      name: 'x',
      widgets: [{ id: 'a', type: 'switch', label: 'L', pos, commandTopic: '' }],
    });
    expect(r.success).toBe(false);
    if (!r.success) expect(describeIssues(r.error)).toBe('widgets[0].commandTopic: Topic must not be empty');
  });
});
