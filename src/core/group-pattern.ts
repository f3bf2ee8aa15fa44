/**
 * "Group by" for the Top talkers table: a level pattern such as `plant/+/+` rolls every topic
 * under `plant/<line>/<device>` up into one row per device (`plant/line1/press7`). Levels are
 * literal names or `+` (any one level); a trailing `#` is allowed and changes nothing (what is
 * below a group is always in it). Topics with fewer levels, or another name where the pattern
 * has a literal, belong to no group.
 */

export type GroupPattern = readonly string[];

export type ParsedGroupPattern = { pattern: GroupPattern | null; error?: undefined } | { pattern?: undefined; error: string };

/** Blank (or just `#`): whole topics (`pattern: null`). Otherwise the levels, or what is wrong. */
export function parseGroupPattern(text: string): ParsedGroupPattern {
  const trimmed = text.trim();
  if (trimmed === '') return { pattern: null };
  const levels = trimmed.split('/');
  if (levels[levels.length - 1] === '#') levels.pop();
  if (levels.length === 0) return { pattern: null };
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    if (level.includes('#')) return { error: '# may only be the last level (and is not needed: a group holds everything below it).' };
    if (level.includes('+') && level !== '+') return { error: `Level ${i + 1} (“${level}”): + must be a whole level, as in plant/+/+.` };
  }
  return { pattern: levels };
}

/** The group a topic belongs to (its first levels, as many as the pattern has), or undefined. */
export function groupKeyOf(topic: string, pattern: GroupPattern): string | undefined {
  let start = 0;
  for (let k = 0; k < pattern.length; k++) {
    if (start > topic.length) return undefined;
    const slash = topic.indexOf('/', start);
    const end = slash < 0 ? topic.length : slash;
    const want = pattern[k];
    if (want !== '+' && (end - start !== want.length || !topic.startsWith(want, start))) return undefined;
    if (slash < 0) return k === pattern.length - 1 ? topic : undefined;
    if (k === pattern.length - 1) return topic.slice(0, end);
    start = slash + 1;
  }
  return undefined;
}
