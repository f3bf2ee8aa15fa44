import { describe, expect, it } from 'vitest';
import { toMessageProperties } from './packet-properties';
import { userPropsToPairs } from '../core/user-properties';

describe('toMessageProperties', () => {
  it('is undefined without properties or with none set', () => {
    expect(toMessageProperties(undefined)).toBeUndefined();
    expect(toMessageProperties({})).toBeUndefined();
  });

  it('copies bytes out of Buffers and keeps any user property name as data', () => {
    const userProperties = JSON.parse('{"__proto__":"a","constructor":"b","k":["c","d"]}');
    const p = toMessageProperties({
      contentType: 'text/plain',
      payloadFormatIndicator: true,
      messageExpiryInterval: 60,
      responseTopic: 'r',
      correlationData: Buffer.from([1, 2]),
      userProperties,
    });
    expect(p?.correlationData).toBeInstanceOf(Uint8Array);
    expect([...(p?.correlationData ?? [])]).toEqual([1, 2]);
    expect(Object.getPrototypeOf(p?.userProperties)).toBeNull();
    expect(userPropsToPairs(p?.userProperties)).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
      ['k', 'c'],
      ['k', 'd'],
    ]);
    expect({ contentType: p?.contentType, responseTopic: p?.responseTopic, messageExpiryInterval: p?.messageExpiryInterval }).toEqual({
      contentType: 'text/plain',
      responseTopic: 'r',
      messageExpiryInterval: 60,
    });
  });
});
