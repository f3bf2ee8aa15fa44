import { describe, expect, it } from 'vitest';
import { effectiveStateValues, extractText, readAvailability, readSwitchState, type SwitchStateConfig } from './switch-payload';

const b = (s: string) => new TextEncoder().encode(s);
const lamp: SwitchStateConfig = { onPayload: 'on', offPayload: 'off', stateOn: 'on', stateOff: 'off', stateJsonPath: '' };
const kitchen: SwitchStateConfig = {
  onPayload: '{"state":"ON"}',
  offPayload: '{"state":"OFF"}',
  stateOn: 'ON',
  stateOff: 'OFF',
  stateJsonPath: 'state',
};

describe('JSON-path state extraction', () => {
  it.each([
    ['{"state":"ON","brightness":180}', 'state', 'ON'],
    ['{"a":{"b":[1,{"c":"x"}]}}', 'a.b[1].c', 'x'],
    ['{"n":21.5}', 'n', '21.5'],
    ['{"ok":true}', 'ok', 'true'],
    ['{"o":{"x":1}}', 'o', '{"x":1}'],
    ['{"a.b":"dot"}', '["a.b"]', 'dot'],
    ['plain text', '', 'plain text'],
  ])('%s at %s → %s', (payload, path, want) => {
    expect(extractText(b(payload), path)).toBe(want);
  });

  it.each([
    ['{"state":"ON"}', 'missing'],
    ['not json', 'state'],
    ['{"a":[1]}', 'a[5]'],
    ['{"a":1}', 'a..b'],
  ])('%s at %s → nothing', (payload, path) => {
    expect(extractText(b(payload), path)).toBeUndefined();
  });
});

describe('readSwitchState', () => {
  it('reads plain on/off, exact and ignoring case/spaces', () => {
    expect(readSwitchState(b('on'), lamp).value).toBe(true);
    expect(readSwitchState(b('off'), lamp).value).toBe(false);
    expect(readSwitchState(b(' ON \n'), lamp).value).toBe(true);
    expect(readSwitchState(b('dimmed'), lamp)).toEqual({ value: undefined, empty: false, raw: 'dimmed' });
  });

  it('reads a JSON light through its state path', () => {
    expect(readSwitchState(b('{"state":"ON","brightness":180}'), kitchen).value).toBe(true);
    expect(readSwitchState(b('{"state":"OFF","brightness":180}'), kitchen).value).toBe(false);
    const missing = readSwitchState(b('{"brightness":3}'), kitchen);
    expect(missing.value).toBeUndefined();
    expect(missing.raw).toContain('no field state');
  });

  it('state values default to the command payloads (compared as JSON by structure)', () => {
    const cfg = { ...kitchen, stateOn: '', stateOff: '', stateJsonPath: '' };
    expect(effectiveStateValues(cfg)).toEqual({ on: '{"state":"ON"}', off: '{"state":"OFF"}' });
    expect(readSwitchState(b('{ "state" : "ON" }'), cfg).value).toBe(true);
    expect(readSwitchState(b('{"state":"OFF"}'), cfg).value).toBe(false);
  });

  it('booleans and numbers in JSON compare as their text', () => {
    const cfg = { ...lamp, stateOn: 'true', stateOff: 'false', stateJsonPath: 'power' };
    expect(readSwitchState(b('{"power":true}'), cfg).value).toBe(true);
    expect(readSwitchState(b('{"power":false}'), cfg).value).toBe(false);
  });

  it('an empty payload is a cleared state', () => {
    expect(readSwitchState(new Uint8Array(), lamp)).toEqual({ value: undefined, empty: true, raw: '' });
  });
});

describe('readAvailability', () => {
  it('matches the configured payloads', () => {
    expect(readAvailability(b('online'), 'online', 'offline')).toBe(true);
    expect(readAvailability(b('offline'), 'online', 'offline')).toBe(false);
    expect(readAvailability(b('maybe'), 'online', 'offline')).toBeUndefined();
  });
});
