import { describe, expect, it } from 'vitest';
import { emptyDraft, emptyProperties, type DraftProperties, type PublishDraft } from '../../stores/publish-store';
import { userPropsToPairs } from '../../core/user-properties';
import { buildClearRetained, buildPublish, isReservedTopic, type DraftField } from './validate-draft';

const draft = (patch: Partial<PublishDraft> = {}): PublishDraft => ({ ...emptyDraft(), topic: 'a/b', ...patch });
const props = (patch: Partial<PublishDraft['properties']>) => ({ ...emptyProperties(), ...patch });

describe('buildPublish', () => {
  it('builds the exact request: topic, bytes, QoS, retain, no properties when none are set', () => {
    const r = buildPublish(draft({ payload: 'de ad', format: 'hex', qos: 2, retain: true }));
    expect(r.errors).toBeUndefined();
    expect(r.request).toEqual({ topic: 'a/b', payload: new Uint8Array([0xde, 0xad]), qos: 2, retain: true });
  });

  it('allows an empty text payload', () => {
    expect(buildPublish(draft()).request?.payload.length).toBe(0);
  });

  // Each invalid topic is refused before anything is sent.
  it.each([
    ['', 'must not be empty'],
    ['a/+/b', 'Wildcards'],
    ['a/#', 'Wildcards'],
    ['#', 'Wildcards'],
    ['a\u0000b', 'NUL'],
    ['x'.repeat(65_536), '65535'],
    ['é'.repeat(32_768), '65535'],
  ])('refuses topic %#', (topic, message) => {
    const r = buildPublish(draft({ topic }));
    expect(r.request).toBeUndefined();
    expect(r.errors?.topic).toContain(message);
  });

  it('reports every field at once and keeps the JSON error position', () => {
    const r = buildPublish(draft({ topic: 'a/#', payload: '{"a":}', format: 'json' }));
    expect(r.errors?.topic).toContain('Wildcards');
    expect(r.errors?.payload).toMatch(/Invalid JSON: .*line 1, column 6/);
  });

  it('passes MQTT 5 properties through, repeated user property names kept in order', () => {
    const r = buildPublish(
      draft({
        properties: props({
          contentType: 'application/json',
          payloadFormatIndicator: true,
          messageExpiryInterval: ' 60 ',
          responseTopic: 'reply/here',
          correlationData: 'req-1',
          userProperties: [
            { key: 'site', value: 'north' },
            { key: '', value: '' },
            { key: 'tag', value: 'a' },
            { key: 'tag', value: 'b' },
          ],
        }),
      }),
      { protocolVersion: 5 },
    );
    expect(r.errors).toBeUndefined();
    expect(r.request?.properties).toEqual({
      contentType: 'application/json',
      payloadFormatIndicator: true,
      messageExpiryInterval: 60,
      responseTopic: 'reply/here',
      correlationData: new TextEncoder().encode('req-1'),
      userProperties: { site: 'north', tag: ['a', 'b'] },
    });
  });

  it('user property names such as constructor, toString and __proto__ are sent as plain pairs', () => {
    const userProperties = [
      { key: 'constructor', value: 'c' },
      { key: 'toString', value: 't' },
      { key: '__proto__', value: 'p' },
    ];
    const r = buildPublish(draft({ properties: props({ userProperties }) }), { protocolVersion: 5 });
    expect(r.errors).toBeUndefined();
    const user = r.request!.properties!.userProperties!;
    expect(userPropsToPairs(user)).toEqual([
      ['constructor', 'c'],
      ['toString', 't'],
      ['__proto__', 'p'],
    ]);
    // It must survive postMessage to the worker (a function inside would throw DataCloneError).
    expect(userPropsToPairs(structuredClone(r.request)!.properties!.userProperties)).toHaveLength(3);
  });

  it.each([
    [{ messageExpiryInterval: 'soon' }, 'messageExpiryInterval', 'whole number'],
    [{ messageExpiryInterval: '-1' }, 'messageExpiryInterval', 'whole number'],
    [{ messageExpiryInterval: '4294967296' }, 'messageExpiryInterval', 'whole number'],
    [{ responseTopic: 'reply/+' }, 'responseTopic', 'Wildcards'],
    [{ userProperties: [{ key: '', value: 'orphan' }] }, 'userProperties', 'User property 1 needs a name'],
    [{ contentType: 'a\u0000b' }, 'contentType', 'NUL'],
  ] as [Partial<DraftProperties>, DraftField, string][])('refuses bad properties %#', (patch, field, message) => {
    const r = buildPublish(draft({ properties: props(patch) }), { protocolVersion: 5 });
    expect(r.errors?.[field]).toContain(message);
  });

  it('refuses properties on an MQTT 3.1.1 connection instead of dropping them silently', () => {
    const r = buildPublish(draft({ properties: props({ contentType: 'text/plain' }) }), { protocolVersion: 4 });
    expect(r.errors?.properties).toContain('MQTT 3.1.1');
    expect(buildPublish(draft(), { protocolVersion: 4 }).request).toBeDefined();
  });
});

describe('buildClearRetained', () => {
  it('sends an empty retained payload, without properties', () => {
    const r = buildClearRetained(draft({ payload: 'ignored', qos: 1, properties: props({ contentType: 'x' }) }));
    expect(r.request).toEqual({ topic: 'a/b', payload: new Uint8Array(0), qos: 1, retain: true });
  });

  it('refuses an invalid topic', () => {
    expect(buildClearRetained(draft({ topic: 'a/#' })).errors?.topic).toContain('Wildcards');
  });
});

describe('isReservedTopic', () => {
  it.each([
    ['$SYS/broker/uptime', true],
    ['$share', true],
    ['a/$b', false],
    ['home', false],
  ])('%s → %s', (topic, expected) => expect(isReservedTopic(topic)).toBe(expected));
});
