/**
 * MQTT 3.1.1 / 5 topic-filter rules: matching a topic against a filter with
 * `+` and `#` wildcards, the `$` topic exception, shared subscriptions, and
 * validation of filters and publish topics with messages fit for a form.
 */

/** Largest topic or filter length allowed by the protocol, in UTF-8 bytes. */
export const MAX_TOPIC_BYTES = 65535;

const SHARE_PREFIX = '$share/';

export interface SharedFilter {
  group: string;
  filter: string;
}

/**
 * Splits `$share/<group>/<filter>` into its parts; null when `filter` is not a
 * shared subscription or is malformed (see validateFilter for the reason).
 */
export function parseSharedFilter(filter: string): SharedFilter | null {
  if (!filter.startsWith(SHARE_PREFIX)) return null;
  const rest = filter.slice(SHARE_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return null;
  const inner = rest.slice(slash + 1);
  if (inner === '') return null;
  return { group: rest.slice(0, slash), filter: inner };
}

/**
 * True when `topic` matches `filter`. `+` matches exactly one level (which may
 * be empty), `#` matches its parent level and everything below it, topics
 * beginning with `$` never match a filter whose first level is a wildcard,
 * and a shared subscription matches like its inner filter.
 * Malformed filters (e.g. `a/#/b`) match nothing.
 */
export function matchesFilter(filter: string, topic: string): boolean {
  if (filter.startsWith(SHARE_PREFIX)) {
    const shared = parseSharedFilter(filter);
    if (!shared) return false;
    filter = shared.filter;
  }
  if (filter === '' || topic === '') return false;
  if (topic.charCodeAt(0) === 36 /* $ */) {
    const c = filter.charCodeAt(0);
    if (c === 43 /* + */ || c === 35 /* # */) return false;
  }
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    const level = f[i];
    if (level === '#') return i === f.length - 1;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}

/** Human-readable reason why `filter` cannot be subscribed to, or null when it is valid. */
export function validateFilter(filter: string): string | null {
  if (filter === '') return 'Topic filter must not be empty';
  const common = validateCommon(filter, 'Topic filter');
  if (common) return common;
  if (filter === '$share' || filter.startsWith(SHARE_PREFIX)) {
    const rest = filter.slice(SHARE_PREFIX.length);
    const slash = rest.indexOf('/');
    if (filter === '$share' || slash < 0) {
      return 'Shared subscription must have the form $share/<group>/<filter>';
    }
    const group = rest.slice(0, slash);
    if (group === '') return 'Shared subscription group name must not be empty';
    if (/[+#]/.test(group)) return 'Shared subscription group name must not contain + or #';
    const inner = rest.slice(slash + 1);
    if (inner === '') return 'Shared subscription needs a topic filter after $share/<group>/';
    return validateLevels(inner);
  }
  return validateLevels(filter);
}

/** Human-readable reason why `topic` cannot be published to, or null when it is valid. */
export function validatePublishTopic(topic: string): string | null {
  if (topic === '') return 'Topic must not be empty';
  const common = validateCommon(topic, 'Topic');
  if (common) return common;
  if (topic.includes('+') || topic.includes('#')) {
    return 'Wildcards + and # are not allowed in a publish topic';
  }
  return null;
}

/** True when the filter contains a `+` or `#` wildcard level. */
export function hasWildcard(filter: string): boolean {
  return filter.includes('+') || filter.includes('#');
}

function validateCommon(s: string, what: string): string | null {
  if (s.includes('\u0000')) return `${what} must not contain the NUL character`;
  const bytes = utf8ByteLength(s);
  if (bytes > MAX_TOPIC_BYTES) {
    return `${what} is too long: ${bytes} bytes, at most ${MAX_TOPIC_BYTES} UTF-8 bytes allowed`;
  }
  return null;
}

function validateLevels(filter: string): string | null {
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    if (level.includes('#')) {
      if (level !== '#') return 'Wildcard # must stand alone in its level (e.g. a/#, not a/b#)';
      if (i !== levels.length - 1) return 'Wildcard # is only allowed as the last level';
    }
    if (level.includes('+') && level !== '+') {
      return 'Wildcard + must stand alone in its level (e.g. a/+/c, not a/b+)';
    }
  }
  return null;
}

/** Number of bytes `s` takes in UTF-8 (lone surrogates count as 3, like TextEncoder). */
export function utf8ByteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** A subscription a message came through: the filter as subscribed, and its share group if shared. */
export interface MatchedSubscription {
  filter: string;
  group?: string;
}

/**
 * The subscriptions among `filters` (as granted, in order) that a message on `topic` came
 * through: what the Message panel shows as its source, shared ones with their group.
 */
export function subscriptionsMatching(topic: string, filters: readonly string[]): MatchedSubscription[] {
  const out: MatchedSubscription[] = [];
  for (const filter of filters) {
    if (!matchesFilter(filter, topic)) continue;
    const shared = parseSharedFilter(filter);
    out.push(shared ? { filter, group: shared.group } : { filter });
  }
  return out;
}
