import { describe, expect, it } from 'vitest';
import { dashboardContentSchema, type DashboardContent } from './dashboard-schema';
import { brokerCommandTopic, markImported } from './widget-trust';
import { loadStoredDashboards } from './dashboard-migrations';

const pos = { x: 0, y: 0, w: 3, h: 2 };
const file = (widgets: unknown[]): DashboardContent => dashboardContentSchema.parse({ name: 'Imported', widgets });

describe('widgets that command broker topics', () => {
  it.each([
    [{ type: 'switch', commandTopic: '$CONTROL/dynamic-security/v1' }, '$CONTROL/dynamic-security/v1'],
    [{ type: 'button', topic: '$SYS/x' }, '$SYS/x'],
    [{ type: 'slider', topic: '$CONTROL/x' }, '$CONTROL/x'],
    [{ type: 'switch', commandTopic: 'home/$lamp' }, undefined],
    [{ type: 'value', topic: '$SYS/broker/uptime' }, undefined],
    [{ type: 'gauge', topic: '$SYS/broker/load' }, undefined],
  ] as const)('%o → %s', (w, want) => expect(brokerCommandTopic(w)).toBe(want));
});

describe('importing a dashboard', () => {
  it('marks widgets that command a broker topic unconfirmed, whatever the file says', () => {
    const { content, unconfirmed } = markImported(
      file([
        { id: 'a', pos, label: 'Kitchen light', type: 'switch', commandTopic: '$CONTROL/dynamic-security/v1', unconfirmed: false },
        { id: 'b', pos, label: 'Reset', type: 'button', topic: '$CONTROL/x' },
        { id: 'c', pos, label: 'Lamp', type: 'switch', commandTopic: 'home/office/lamp', unconfirmed: true },
        { id: 'd', pos, label: 'Uptime', type: 'value', topic: '$SYS/broker/uptime' },
      ]),
    );
    expect(content.widgets.map((w) => [w.id, w.unconfirmed])).toEqual([
      ['a', true],
      ['b', true],
      ['c', undefined],
      ['d', undefined],
    ]);
    expect(unconfirmed.map((w) => w.label)).toEqual(['Kitchen light', 'Reset']);
    // The mark survives the schema (the store re-checks what it saves).
    expect(dashboardContentSchema.parse(content).widgets[0].unconfirmed).toBe(true);
  });

  it('the mark survives a reload (the persisted store keeps it)', () => {
    const { content } = markImported(file([{ id: 'a', pos, label: 'Kitchen light', type: 'switch', commandTopic: '$CONTROL/dynamic-security/v1' }]));
    const stored = JSON.parse(JSON.stringify({ dashboards: [{ id: 'd1', ...content }], activeId: 'd1' }));
    expect(loadStoredDashboards(stored, 1)?.dashboards[0].widgets[0].unconfirmed).toBe(true);
  });
});
