import { describe, expect, it } from 'vitest';
import {
  hasWildcard,
  matchesFilter,
  parseSharedFilter,
  subscriptionsMatching,
  utf8ByteLength,
  validateFilter,
  validatePublishTopic,
} from './topic-filter';

// [filter, topic, matches]
const MATCH_TABLE: [string, string, boolean][] = [
  // exact
  ['a/b/c', 'a/b/c', true],
  ['a/b/c', 'a/b', false],
  ['a/b', 'a/b/c', false],
  ['a/b/c', 'a/b/d', false],
  ['A/b', 'a/b', false],
  ['sport', 'sport', true],
  ['sport', 'sports', false],
  // single level +
  ['+', 'a', true],
  ['+', 'a/b', false],
  ['+', '/a', false],
  ['+/+', '/a', true],
  ['/+', '/finance', true],
  ['+/b', 'a/b', true],
  ['+/b', 'a/c', false],
  ['a/+', 'a', false],
  ['a/+', 'a/', true],
  ['a/+', 'a/b', true],
  ['a/+', 'a/b/c', false],
  ['a/+/c', 'a/b/c', true],
  ['a/+/c', 'a//c', true],
  ['a/+/+', 'a/b/c', true],
  ['sport/tennis/+', 'sport/tennis/player1', true],
  ['sport/tennis/+', 'sport/tennis/player1/ranking', false],
  ['sport/+', 'sport', false],
  ['sport/+', 'sport/', true],
  // multi level #
  ['#', 'a', true],
  ['#', 'a/b/c', true],
  ['#', '/', true],
  ['#', '/a', true],
  ['a/#', 'a', true],
  ['a/#', 'a/', true],
  ['a/#', 'a/b', true],
  ['a/#', 'a/b/c/d', true],
  ['a/#', 'ab', false],
  ['a/#', 'b/a', false],
  ['a/b/#', 'a', false],
  ['sport/tennis/player1/#', 'sport/tennis/player1', true],
  ['sport/tennis/player1/#', 'sport/tennis/player1/ranking', true],
  ['sport/tennis/player1/#', 'sport/tennis/player1/score/wimbledon', true],
  ['sport/#', 'sport', true],
  ['+/#', 'a', true],
  ['+/#', 'a/b/c', true],
  ['+/b/#', 'a/b', true],
  ['+/b/#', 'a/c', false],
  // empty levels are real levels
  ['a//b', 'a//b', true],
  ['a//b', 'a/b', false],
  ['a/b', 'a//b', false],
  ['/', '/', true],
  ['/#', '/', true],
  ['/#', '/x/y', true],
  ['+/+', '/', true],
  ['+', '/', false],
  ['a/', 'a', false],
  ['a/', 'a/', true],
  // $ topics
  ['#', '$SYS', false],
  ['#', '$SYS/broker/uptime', false],
  ['+/broker/uptime', '$SYS/broker/uptime', false],
  ['+', '$SYS', false],
  ['$SYS/#', '$SYS/broker/uptime', true],
  ['$SYS/#', '$SYS', true],
  ['$SYS/+/uptime', '$SYS/broker/uptime', true],
  ['$SYS/broker/uptime', '$SYS/broker/uptime', true],
  ['a/#', 'a/$b', true],
  ['a/+', 'a/$b', true],
  ['$foo', '$foo', true],
  // shared subscriptions match like the inner filter
  ['$share/g/a/+', 'a/b', true],
  ['$share/g/a/+', 'a/b/c', false],
  ['$share/group1/#', 'x/y', true],
  ['$share/group1/#', '$SYS/x', false],
  ['$share/g/$SYS/#', '$SYS/x', true],
  ['$share/g', 'g', false],
  ['$share//a', 'a', false],
  ['$share/g/', '', false],
  // malformed filters match nothing
  ['a/#/b', 'a/x/b', false],
  ['', 'a', false],
  ['a', '', false],
];

describe('matchesFilter', () => {
  it.each(MATCH_TABLE)('%j vs %j → %s', (filter, topic, expected) => {
    expect(matchesFilter(filter, topic)).toBe(expected);
  });
});

const LONG_OK = 'a'.repeat(65535);
const LONG_BAD = 'a'.repeat(65536);
// 21845 * 3 bytes = 65535 bytes; one more euro sign exceeds the limit.
const LONG_MULTIBYTE_OK = '€'.repeat(21845);
const LONG_MULTIBYTE_BAD = '€'.repeat(21846);

// [filter, error substring or null]
const FILTER_TABLE: [string, string | null][] = [
  ['a', null],
  ['a/b/c', null],
  ['#', null],
  ['+', null],
  ['+/+/#', null],
  ['a/+/c/#', null],
  ['/', null],
  ['a//b', null],
  ['$SYS/#', null],
  ['$share/group/a/b', null],
  ['$share/group/#', null],
  ['$share/g/+/x', null],
  ['$sharey/x', null],
  ['héllo/wörld/🌡', null],
  [LONG_OK, null],
  [LONG_MULTIBYTE_OK, null],
  ['', 'must not be empty'],
  ['a/#/b', 'last level'],
  ['#/a', 'last level'],
  ['a/b#', 'stand alone'],
  ['a#', 'stand alone'],
  ['a/#b', 'stand alone'],
  ['##', 'stand alone'],
  ['a/b+', 'stand alone'],
  ['+a/b', 'stand alone'],
  ['a/++/b', 'stand alone'],
  ['a/\u0000', 'NUL'],
  [LONG_BAD, '65535'],
  [LONG_MULTIBYTE_BAD, '65535'],
  ['$share', '$share/<group>/<filter>'],
  ['$share/', '$share/<group>/<filter>'],
  ['$share/group', '$share/<group>/<filter>'],
  ['$share//a', 'group name must not be empty'],
  ['$share/g+/a', 'must not contain + or #'],
  ['$share/g#/a', 'must not contain + or #'],
  ['$share/g/', 'needs a topic filter'],
  ['$share/g/a/#/b', 'last level'],
];

/** Short test title for a possibly huge input. */
function label(s: string): string {
  return s.length > 40 ? `${s.slice(0, 8)}… (${s.length} chars)` : JSON.stringify(s);
}

describe('validateFilter', () => {
  it.each(FILTER_TABLE.map(([f, e]) => [label(f), f, e] as const))('%s → %j', (_l, filter, expected) => {
    const result = validateFilter(filter);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toContain(expected);
  });
});

// [topic, error substring or null]
const PUBLISH_TABLE: [string, string | null][] = [
  ['a', null],
  ['a/b/c', null],
  ['/', null],
  ['a//b', null],
  ['$SYS/custom', null],
  ['home/livingroom/temperature', null],
  ['°C/🌡', null],
  [LONG_OK, null],
  ['', 'must not be empty'],
  ['a/+', 'Wildcards + and # are not allowed in a publish topic'],
  ['a/#', 'Wildcards + and # are not allowed in a publish topic'],
  ['a+b', 'Wildcards + and # are not allowed in a publish topic'],
  ['#', 'Wildcards + and # are not allowed in a publish topic'],
  ['a\u0000b', 'NUL'],
  [LONG_BAD, '65535'],
  [LONG_MULTIBYTE_BAD, '65535'],
];

describe('validatePublishTopic', () => {
  it.each(PUBLISH_TABLE.map(([t, e]) => [label(t), t, e] as const))('%s → %j', (_l, topic, expected) => {
    const result = validatePublishTopic(topic);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toContain(expected);
  });
});

describe('helpers', () => {
  it.each([
    ['$share/g/a/b', { group: 'g', filter: 'a/b' }],
    ['$share/g/#', { group: 'g', filter: '#' }],
    ['$share/g', null],
    ['$share//a', null],
    ['$share/g/', null],
    ['a/b', null],
  ] as const)('parseSharedFilter(%j)', (filter, expected) => {
    expect(parseSharedFilter(filter)).toEqual(expected);
  });

  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['🌡', 4],
    ['\ud800', 3],
    ['a\udc00b', 5],
  ] as const)('utf8ByteLength(%j) = %d', (s, n) => {
    expect(utf8ByteLength(s)).toBe(n);
    expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
  });

  it.each([
    ['a/b', false],
    ['a/+', true],
    ['#', true],
  ] as const)('hasWildcard(%j) = %s', (f, expected) => {
    expect(hasWildcard(f)).toBe(expected);
  });
});

describe('subscriptionsMatching', () => {
  it('lists every subscription a topic came through, in order, shared ones with their group', () => {
    expect(subscriptionsMatching('plant/line1/temp', ['a/#', '$share/consoles/plant/#', 'plant/+/temp', '#'])).toEqual([
      { filter: '$share/consoles/plant/#', group: 'consoles' },
      { filter: 'plant/+/temp' },
      { filter: '#' },
    ]);
  });

  it('keeps $ topics out of wildcard subscriptions, shared or not', () => {
    expect(subscriptionsMatching('$SYS/broker/uptime', ['#', '$share/g/#', '$SYS/#'])).toEqual([{ filter: '$SYS/#' }]);
  });

  it('is empty when nothing matches (a malformed shared filter matches nothing)', () => {
    expect(subscriptionsMatching('x/y', ['$share//x/#', '$share/g', 'a/#'])).toEqual([]);
  });
});
