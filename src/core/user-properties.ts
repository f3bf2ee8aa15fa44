/**
 * MQTT 5 user properties: name/value pairs where any name may appear, repeated
 * or not, including `constructor`, `toString` and `__proto__`. Kept as
 * null-prototype records (what mqtt-packet parses and writes: own property
 * names only), so no name ever reaches Object.prototype: never read one with
 * `record[name]` on a plain object, never build one with `{}`.
 */
export type UserProperties = Record<string, string | string[]>;

/** A null-prototype record from pairs, in order; a repeated name keeps every value, in order. */
export function userPropsFromPairs(pairs: Iterable<readonly [string, string]>): UserProperties {
  const out = Object.create(null) as UserProperties;
  for (const [k, v] of pairs) {
    const had = Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined;
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}

/** The pairs of a record (own properties only; non-strings are skipped), repeated names expanded in order. */
export function userPropsToPairs(props: unknown): [string, string][] {
  if (!props || typeof props !== 'object') return [];
  const out: [string, string][] = [];
  for (const k of Object.getOwnPropertyNames(props)) {
    const v = (props as Record<string, unknown>)[k];
    if (typeof v === 'string') out.push([k, v]);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.push([k, x]);
  }
  return out;
}

/** A fresh null-prototype copy (e.g. after a structured clone gave it Object.prototype back). */
export function copyUserProps(props: unknown): UserProperties {
  return userPropsFromPairs(userPropsToPairs(props));
}
