import { describe, expect, it } from 'vitest';
import { mapDiscovery, parseDiscoveryTopic, templateToJsonPath } from './ha-discovery';
import { widgetSchema } from './dashboard-schema';

const map = (topic: string, config: unknown) => mapDiscovery(topic, JSON.stringify(config));

describe('discovery topics', () => {
  it.each([
    ['homeassistant/switch/office_lamp/config', { component: 'switch', objectId: 'office_lamp' }],
    ['homeassistant/light/node1/kitchen/config', { component: 'light', nodeId: 'node1', objectId: 'kitchen' }],
    ['homeassistant/binary_sensor/door/config', { component: 'binary_sensor', objectId: 'door' }],
  ])('%s', (topic, want) => expect(parseDiscoveryTopic(topic)).toEqual(want));

  it.each(['homeassistant/climate/x/config', 'homeassistant/switch/x/state', 'other/switch/x/config', 'homeassistant/switch/config'])(
    'ignores %s',
    (topic) => expect(parseDiscoveryTopic(topic)).toBeUndefined(),
  );
});

describe('value templates', () => {
  it.each([
    ['{{ value_json.temperature }}', 'temperature'],
    ['{{value_json.a.b}}', 'a.b'],
    ["{{ value_json['temp'] | float }}", '["temp"]'],
    ['{{ value_json["a b"].c }}', '["a b"].c'],
    ['{{ value_json.list[0] }}', 'list[0]'],
    ['{{ value }}', ''],
  ])('%s → %s', (t, path) => expect(templateToJsonPath(t)).toBe(path));

  it.each(['{{ value_json.x * 10 }}', "{{ 'on' if value == '1' else 'off' }}", 'value_json.x'])('%s is not supported', (t) =>
    expect(templateToJsonPath(t)).toBeUndefined(),
  );
});

describe('mapDiscovery', () => {
  it('maps the simulator office lamp switch', () => {
    const r = map('homeassistant/switch/office_lamp/config', {
      unique_id: 'office_lamp',
      name: 'Office lamp',
      command_topic: 'home/office/lamp',
      state_topic: 'home/office/lamp/state',
      payload_on: 'on',
      payload_off: 'off',
      state_on: 'on',
      state_off: 'off',
      device: { name: 'Office lamp' },
    });
    expect(r.ok && r.entity).toMatchObject({
      name: 'Office lamp',
      component: 'switch',
      uniqueId: 'office_lamp',
      widget: {
        type: 'switch',
        label: 'Office lamp',
        commandTopic: 'home/office/lamp',
        stateTopic: 'home/office/lamp/state',
        onPayload: 'on',
        offPayload: 'off',
        stateOn: 'on',
        stateOff: 'off',
        stateJsonPath: '',
      },
    });
  });

  it('maps a JSON-schema light to JSON payloads and the state path', () => {
    const r = map('homeassistant/light/kitchen_light/config', {
      name: 'Kitchen light',
      schema: 'json',
      command_topic: 'home/kitchen/light/set',
      state_topic: 'home/kitchen/light',
    });
    expect(r.ok && r.entity.widget).toMatchObject({
      type: 'switch',
      onPayload: '{"state":"ON"}',
      offPayload: '{"state":"OFF"}',
      stateOn: 'ON',
      stateOff: 'OFF',
      stateJsonPath: 'state',
    });
  });

  it('expands abbreviations, the ~ base topic and availability', () => {
    const r = map('homeassistant/switch/plug/config', {
      '~': 'garage/plug',
      name: 'Plug',
      cmd_t: '~/set',
      stat_t: '~/state',
      avty_t: '~/status',
      pl_avail: 'up',
      pl_not_avail: 'down',
      pl_on: 1,
      pl_off: 0,
      qos: 1,
      ret: true,
    });
    expect(r.ok && r.entity.widget).toMatchObject({
      commandTopic: 'garage/plug/set',
      stateTopic: 'garage/plug/state',
      availabilityTopic: 'garage/plug/status',
      availabilityOnline: 'up',
      availabilityOffline: 'down',
      onPayload: '1',
      offPayload: '0',
      qos: 1,
      retain: true,
    });
  });

  it('maps sensors to values (gauges for percentages) with the template path and unit', () => {
    const t = map('homeassistant/sensor/garden_temperature/config', {
      name: 'Garden temperature',
      state_topic: 'home/garden/weather',
      value_template: '{{ value_json.temperature }}',
      unit_of_measurement: '°C',
    });
    expect(t.ok && t.entity.widget).toEqual({ label: 'Garden temperature', type: 'value', topic: 'home/garden/weather', jsonPath: 'temperature', unit: '°C' });
    const h = map('homeassistant/sensor/garden_humidity/config', {
      name: 'Garden humidity',
      state_topic: 'home/garden/weather',
      value_template: '{{ value_json.humidity }}',
      unit_of_measurement: '%',
    });
    expect(h.ok && h.entity.widget).toMatchObject({ type: 'gauge', min: 0, max: 100, unit: '%', jsonPath: 'humidity' });
  });

  it('maps a binary sensor to a value widget and notes unsupported templates', () => {
    const r = map('homeassistant/binary_sensor/door/config', {
      state_topic: 'house/door',
      value_template: "{{ 'ON' if value_json.open else 'OFF' }}",
      device: { name: 'Front door' },
    });
    expect(r.ok && r.entity).toMatchObject({ name: 'Front door', widget: { type: 'value', topic: 'house/door', jsonPath: '' } });
    expect(r.ok && r.entity.notes[0]).toContain('not supported');
  });

  it('every mapped widget passes the widget schema', () => {
    const r = map('homeassistant/switch/x/config', { command_topic: 'x/set' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(widgetSchema.safeParse({ ...r.entity.widget, id: 'x', pos: { x: 0, y: 0, w: 3, h: 2 } }).success).toBe(true);
    if (r.ok) expect(r.entity.widget).toMatchObject({ label: 'x', stateTopic: '', onPayload: 'ON' });
  });

  it.each([
    ['homeassistant/switch/x/config', 'nope', 'not JSON'],
    ['homeassistant/switch/x/config', '[1]', 'not a JSON object'],
    ['homeassistant/switch/x/config', '{"state_topic":"a"}', 'without a command_topic'],
    ['homeassistant/sensor/x/config', '{"name":"s"}', 'without a state_topic'],
    ['homeassistant/light/x/config', '{"schema":"template","command_topic":"a"}', 'not supported'],
    ['homeassistant/fan/x/config', '{}', 'Not a discovery config topic'],
  ])('refuses %s %s', (topic, payload, error) => {
    const r = mapDiscovery(topic, payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(error);
  });
});

describe("broker topics ($…) from discovery", () => {
  it.each(['$CONTROL/dynamic-security/v1', '$SYS/broker/anything', '$share/g/home/lamp'])('a switch commanding %s is refused, saying why', (cmd) => {
    const r = map('homeassistant/switch/kitchen_light/config', {
      name: 'Kitchen light',
      command_topic: cmd,
      payload_on: '{"commands":[{"command":"deleteClient","username":"admin"}]}',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.name).toBe('Kitchen light');
    if (!r.ok) expect(r.error).toMatch(new RegExp(`^Its command topic ${cmd.replace(/\$/g, '\\$')} is one of the broker's own topics`));
  });

  it('also through the ~ base topic and abbreviations', () => {
    const r = map('homeassistant/light/kitchen/config', { '~': '$CONTROL/dynamic-security', cmd_t: '~/v1', schema: 'json' });
    expect(r.ok).toBe(false);
  });

  it('a sensor may still read a $ topic (reading commands nothing)', () => {
    const r = map('homeassistant/sensor/uptime/config', { state_topic: '$SYS/broker/uptime' });
    expect(r.ok).toBe(true);
  });
});
