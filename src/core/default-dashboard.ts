/**
 * The dashboard a first start creates (no dashboards saved yet, whatever the
 * broker): wired to the device simulator of `npm start` (dev/README.md), so a
 * newcomer sees switches, gauges, a chart and a config slider working at once.
 * Against another broker its widgets wait for their topics and say so.
 */
import type { z } from 'zod';
import { switchWidgetSchema, type Dashboard } from './dashboard-schema';

const switchWidget = (w: z.input<typeof switchWidgetSchema>) => switchWidgetSchema.parse(w);

export const DEFAULT_DASHBOARD_ID = 'home';

export function defaultDashboard(): Dashboard {
  return {
    id: DEFAULT_DASHBOARD_ID,
    name: 'Home',
    widgets: [
      // Only what differs from the schema's defaults (Home Assistant's): those fill in the rest.
      switchWidget({
        id: 'office-lamp',
        type: 'switch',
        label: 'Office lamp',
        pos: { x: 0, y: 0, w: 4, h: 2 },
        commandTopic: 'home/office/lamp',
        stateTopic: 'home/office/lamp/state',
        onPayload: 'on',
        offPayload: 'off',
        qos: 1,
      }),
      switchWidget({
        id: 'kitchen-light',
        type: 'switch',
        label: 'Kitchen light',
        pos: { x: 4, y: 0, w: 4, h: 2 },
        commandTopic: 'home/kitchen/light/set',
        stateTopic: 'home/kitchen/light',
        onPayload: '{"state":"ON"}',
        offPayload: '{"state":"OFF"}',
        stateOn: 'ON',
        stateOff: 'OFF',
        stateJsonPath: 'state',
        qos: 1,
      }),
      {
        id: 'th-01-interval',
        type: 'slider',
        label: 'Sensor th-01 interval',
        pos: { x: 8, y: 0, w: 4, h: 2 },
        topic: 'sensors/th-01/config',
        payloadTemplate: '{"interval_ms": {value}}',
        min: 500,
        max: 10000,
        step: 500,
        unit: 'ms',
        stateTopic: 'sensors/th-01/config/state',
        stateJsonPath: 'interval_ms',
        qos: 1,
        retain: false,
      },
      ...(['temperature', 'humidity', 'pressure'] as const).map((field, i) => ({
        id: `garden-${field}`,
        type: 'gauge' as const,
        label: `Garden ${field}`,
        pos: { x: i * 3, y: 2, w: 3, h: 3 },
        topic: 'home/garden/weather',
        jsonPath: field,
        ...GAUGE_RANGES[field],
      })),
      {
        id: 'th-01-temperature',
        type: 'value',
        label: 'th-01 temperature',
        pos: { x: 9, y: 2, w: 3, h: 3 },
        topic: 'sensors/th-01/reading',
        jsonPath: 'temperature',
        unit: '°C',
      },
      {
        id: 'livingroom-chart',
        type: 'chart',
        label: 'Living room temperature',
        pos: { x: 0, y: 5, w: 12, h: 6 },
        series: [{ topic: 'home/livingroom/temperature', field: '' }],
        window: '1m',
      },
    ],
  };
}

const GAUGE_RANGES = {
  temperature: { min: -10, max: 40, unit: '°C' },
  humidity: { min: 0, max: 100, unit: '%' },
  pressure: { min: 960, max: 1060, unit: 'hPa' },
};
