/**
 * Whether localStorage holds anything of Switchyard's (keys `switchyard.…`): main.tsx loads the
 * stored data's checks (stores/start-schemas.ts, with zod) before the stores read it, and only
 * then — a first visit has nothing to check. Any key counts, so a store added later cannot be
 * read unchecked; a storage the browser refuses holds nothing readable.
 */
export function hasStoredData(storage: () => Storage | undefined = () => globalThis.localStorage): boolean {
  try {
    const ls = storage();
    if (!ls) return false;
    for (let i = 0; i < ls.length; i++) if (ls.key(i)?.startsWith('switchyard.')) return true;
    return false;
  } catch {
    return false;
  }
}
