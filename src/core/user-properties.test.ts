import { describe, expect, it } from 'vitest';
import { copyUserProps, userPropsFromPairs, userPropsToPairs } from './user-properties';

describe('user properties', () => {
  it('keeps names that are Object.prototype members, and __proto__, as plain data', () => {
    const pairs: [string, string][] = [
      ['constructor', 'c'],
      ['toString', 't'],
      ['__proto__', 'p'],
      ['hasOwnProperty', 'h'],
    ];
    const rec = userPropsFromPairs(pairs);
    expect(Object.getPrototypeOf(rec)).toBeNull();
    expect(userPropsToPairs(rec)).toEqual(pairs);
    // What crosses postMessage: a structured clone (which gives Object.prototype back).
    const cloned = structuredClone(rec);
    expect(userPropsToPairs(cloned)).toEqual(pairs);
    expect(userPropsToPairs(copyUserProps(cloned))).toEqual(pairs);
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });

  it('repeated names keep every value in order', () => {
    const rec = userPropsFromPairs([
      ['tag', 'a'],
      ['constructor', 'x'],
      ['tag', 'b'],
      ['tag', 'c'],
      ['constructor', 'y'],
    ]);
    expect(rec.tag).toEqual(['a', 'b', 'c']);
    expect(rec.constructor).toEqual(['x', 'y']);
    expect(userPropsToPairs(rec)).toEqual([
      ['tag', 'a'],
      ['tag', 'b'],
      ['tag', 'c'],
      ['constructor', 'x'],
      ['constructor', 'y'],
    ]);
  });

  it('ignores what is not a string and anything inherited', () => {
    const withProto = Object.assign(Object.create({ inherited: 'no' }), { own: 'yes', n: 1, list: ['a', 2] });
    expect(userPropsToPairs(withProto)).toEqual([
      ['own', 'yes'],
      ['list', 'a'],
    ]);
    expect(userPropsToPairs(null)).toEqual([]);
  });
});
