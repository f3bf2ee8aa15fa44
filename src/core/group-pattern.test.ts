import { describe, expect, it } from 'vitest';
import { groupKeyOf, parseGroupPattern } from './group-pattern';

describe('parseGroupPattern', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['#', null],
    ['plant/+/+', ['plant', '+', '+']],
    ['plant/+/#', ['plant', '+']],
    ['+', ['+']],
  ])('%j → %j', (text, pattern) => {
    expect(parseGroupPattern(text)).toEqual({ pattern });
  });

  it('explains what is wrong', () => {
    expect(parseGroupPattern('a/#/b').error).toMatch(/# may only be the last level/);
    expect(parseGroupPattern('plant/line+').error).toBe('Level 2 (“line+”): + must be a whole level, as in plant/+/+.');
  });
});

describe('groupKeyOf', () => {
  const p = ['plant', '+', '+'];
  it.each([
    ['plant/line1/press7/temperature', 'plant/line1/press7'],
    ['plant/line1/press7', 'plant/line1/press7'],
    ['plant/line1/press7/a/b/c', 'plant/line1/press7'],
    ['plant/line1', undefined],
    ['plants/line1/press7/x', undefined],
    ['pl/line1/press7/x', undefined],
    ['other/line1/press7/x', undefined],
    ['plant//press7/x', 'plant//press7'],
  ])('%s → %s', (topic, key) => {
    expect(groupKeyOf(topic, p)).toBe(key);
  });

  it('a single + groups by the first level', () => {
    expect(groupKeyOf('home/kitchen/light', ['+'])).toBe('home');
    expect(groupKeyOf('home', ['+'])).toBe('home');
    expect(groupKeyOf('/a', ['+'])).toBe('');
  });
});
