/**
 * The natural order of level names ("sensor2" < "sensor10"), and a fast way to sort many of them.
 *
 * The order is the locale's collation with numeric digit runs (Intl.Collator), ties broken by
 * code units so it is total. Calling the collator is slow (a 100,000-child level took seconds
 * to sort), so most names also get a sort key: a string whose plain `<` order is the collator's
 * primary (base-letter) order, built from a per-character weight table measured from the
 * collator itself when this module loads. Names whose keys are equal (they differ only in case
 * or leading zeros), and names with a character outside the table (non-ASCII, control
 * characters), are compared with the collator as before, so the order is exactly the same.
 * The key is used only where the locale's collation of ASCII is the root one (no contractions
 * such as Czech "ch" or Danish "aa"); elsewhere every comparison goes to the collator.
 */
const collator = new Intl.Collator(undefined, { numeric: true });

/** Natural order for level names: "sensor2" < "sensor10"; ties broken by code units so the order is total. */
export function compareLevelNames(a: string, b: string): number {
  const c = collator.compare(a, b);
  if (c !== 0) return c;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Languages whose collation of ASCII is the root collation (single characters, no contractions). */
const ROOT_ASCII_LANGUAGES = new Set(['en', 'de', 'fr', 'it', 'nl', 'pt', 'es', 'und', 'root']);

/** Key character code per ASCII code (digits excluded: they form numbers); 0 when not usable. */
const weights = new Uint8Array(128);
/** Key character code that starts a number (all numbers sit at one place among the characters); 0 = no keys. */
let numberMark = 0;
/** Longer names are left to the collator (one String.fromCharCode call builds a key; ICU splits digit runs over 254). */
const MAX_KEYED_LENGTH = 200;

function calibrate(): void {
  const { locale } = collator.resolvedOptions();
  if (!ROOT_ASCII_LANGUAGES.has(locale.split('-')[0].toLowerCase())) return;
  const base = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const chars: string[] = [];
  for (let c = 0x20; c < 0x7f; c++) {
    if (c >= 0x30 && c <= 0x39) continue;
    const ch = String.fromCharCode(c);
    // Ignorable characters (no primary weight) cannot be keyed.
    if (base.compare(ch, '') === 0) continue;
    // Where numbers sort relative to this character must not depend on the number.
    const sides = ['0', '7', '10', '99999'].map((n) => Math.sign(base.compare(n, ch)));
    if (sides.some((s) => s !== sides[0]) || sides[0] === 0) continue;
    chars.push(ch);
  }
  chars.push('0');
  chars.sort((x, y) => base.compare(x, y));
  // Equal at base level (a / A) share a key character; 0x21… keeps every key character printable.
  let rank = 0;
  for (let i = 0; i < chars.length; i++) {
    if (i > 0 && base.compare(chars[i - 1], chars[i]) !== 0) rank++;
    const key = 0x21 + rank;
    if (chars[i] === '0') numberMark = key;
    else weights[chars[i].charCodeAt(0)] = key;
  }
  // The key's order must be the collator's for what it claims; if a check fails, use no keys.
  const probe = ['a', 'B', 'a1', 'a01b', 'a2', 'a10', 'A10a', '_x', '-x', '.x', '$SYS', 'x y', 'Zz', '', '9', '0010'];
  for (const x of probe) {
    for (const y of probe) {
      const kx = levelSortKey(x);
      const ky = levelSortKey(y);
      if (kx === undefined || ky === undefined || kx === ky) continue;
      if (Math.sign(base.compare(x, y)) !== (kx < ky ? -1 : 1)) {
        weights.fill(0);
        numberMark = 0;
        return;
      }
    }
  }
}

/**
 * A string whose code-unit order is the collator's primary order of `name`, or undefined when
 * `name` has a character the table does not cover (or the locale has no table).
 * Equal keys mean "equal at base level": compare those names with compareLevelNames.
 */
export function levelSortKey(name: string): string | undefined {
  const n = name.length;
  if (numberMark === 0 || n > MAX_KEYED_LENGTH) return undefined;
  // Built as char codes and made into one flat string: sorting compares keys ~17 times each.
  const codes = keyCodes;
  codes.length = 0;
  for (let i = 0; i < n; ) {
    const c = name.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      // A number: its mark, its count of significant digits, then the digits.
      let j = i;
      while (j < n && name.charCodeAt(j) === 0x30) j++;
      let k = j;
      while (k < n && name.charCodeAt(k) >= 0x30 && name.charCodeAt(k) <= 0x39) k++;
      codes.push(numberMark, 0x21 + (k - j));
      for (let d = j; d < k; d++) codes.push(name.charCodeAt(d));
      i = k;
      continue;
    }
    const w = c < 128 ? weights[c] : 0;
    if (w === 0) return undefined;
    codes.push(w);
    i++;
  }
  return String.fromCharCode.apply(null, codes);
}

const keyCodes: number[] = [];

calibrate();

interface Keyed<T> {
  item: T;
  name: string;
  key: string | undefined;
}

function compareKeyed<T>(a: Keyed<T>, b: Keyed<T>): number {
  if (a.key !== undefined && b.key !== undefined && a.key !== b.key) return a.key < b.key ? -1 : 1;
  return compareLevelNames(a.name, b.name);
}

/** Sorts `items` (in place) by their names in the natural order, keyed so that large levels sort fast. */
export function sortByLevelName<T extends { readonly name: string }>(items: T[]): T[] {
  if (items.length < 2) return items;
  const keyed: Keyed<T>[] = items.map((item) => ({ item, name: item.name, key: levelSortKey(item.name) }));
  keyed.sort(compareKeyed);
  for (let i = 0; i < keyed.length; i++) items[i] = keyed[i].item;
  return items;
}

/**
 * A new array of `sorted` with `added` merged in (both in the natural order, no name in both):
 * a binary search per added item, so a few new children of a large level cost little.
 */
export function mergeByLevelName<T extends { readonly name: string }>(sorted: readonly T[], added: readonly T[]): T[] {
  const out: T[] = [];
  let from = 0;
  for (const item of added) {
    const probe: Keyed<T> = { item, name: item.name, key: levelSortKey(item.name) };
    let lo = from;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = sorted[mid];
      if (compareKeyed({ item: other, name: other.name, key: levelSortKey(other.name) }, probe) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = from; i < lo; i++) out.push(sorted[i]);
    out.push(item);
    from = lo;
  }
  for (let i = from; i < sorted.length; i++) out.push(sorted[i]);
  return out;
}

/**
 * Where `item` is in `sorted` (in the natural order; a subset of a level's children is fine):
 * its index, or -1. A binary search, so finding one row among 100,000 costs ~17 comparisons.
 */
export function indexByLevelName<T extends { readonly name: string }>(sorted: readonly T[], item: T): number {
  const probe: Keyed<T> = { item, name: item.name, key: levelSortKey(item.name) };
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = sorted[mid];
    if (other === item) return mid;
    if (compareKeyed({ item: other, name: other.name, key: levelSortKey(other.name) }, probe) < 0) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo] === item ? lo : sorted.indexOf(item);
}

/** Items in the natural order with their sort keys beside them (see sortWithKeys). */
export interface KeyedOrder<T> {
  items: T[];
  keys: (string | undefined)[];
}

/** sortByLevelName that also returns each item's sort key, for cheap merges later (mergeWithKeys). */
export function sortWithKeys<T extends { readonly name: string }>(items: T[]): KeyedOrder<T> {
  const keyed: Keyed<T>[] = items.map((item) => ({ item, name: item.name, key: levelSortKey(item.name) }));
  if (keyed.length > 1) keyed.sort(compareKeyed);
  return { items: keyed.map((k) => k.item), keys: keyed.map((k) => k.key) };
}

/**
 * `order` with `added` merged in (no name in both), as one linear pass over keys already made:
 * a few hundred new children of a 100,000-child level cost a copy, not a key per comparison.
 */
export function mergeWithKeys<T extends { readonly name: string }>(order: KeyedOrder<T>, added: readonly T[]): KeyedOrder<T> {
  const fresh = sortWithKeys([...added]);
  const a = order.items;
  const ak = order.keys;
  const b = fresh.items;
  const bk = fresh.keys;
  const items: T[] = new Array(a.length + b.length);
  const keys: (string | undefined)[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < a.length && j < b.length) {
    const x = ak[i];
    const y = bk[j];
    const aFirst =
      x !== undefined && y !== undefined && x !== y ? x < y : compareLevelNames(a[i].name, b[j].name) < 0;
    if (aFirst) {
      items[o] = a[i];
      keys[o++] = ak[i++];
    } else {
      items[o] = b[j];
      keys[o++] = bk[j++];
    }
  }
  while (i < a.length) {
    items[o] = a[i];
    keys[o++] = ak[i++];
  }
  while (j < b.length) {
    items[o] = b[j];
    keys[o++] = bk[j++];
  }
  return { items, keys };
}
