import { expect, test } from 'vitest';
import { foreignBrokerName } from './broker-identity';

test.each([
  [undefined, undefined],
  ['mosquitto version 2.0.11', undefined],
  ['Cedalo Mosquitto 2.7', undefined],
  ['', undefined],
  ['aedes 1.2.0 (Switchyard embedded broker)', 'aedes 1.2.0 (Switchyard embedded broker)'],
  ['VerneMQ\n1.13', 'VerneMQ 1.13'],
  ['x'.repeat(200), `${'x'.repeat(79)}…`],
])('foreignBrokerName(%j) is %j', (version, name) => {
  expect(foreignBrokerName(version)).toBe(name);
});
