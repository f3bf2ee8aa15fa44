/**
 * zod helpers for the schemas that check what persisted stores read back (persisted.ts):
 * lenient fields and lists that count what they had to repair, and a loader from a schema.
 * Apart from persisted.ts so that zod is not on a first visit's load: with nothing stored, the
 * start stores need no checking (start-schemas.ts, main.tsx; docs/performance.md, "First load").
 */
// First: zod runs jitless before any schema is used (the CSP allows no eval; scripts/csp.js).
import '../core/zod-config';
// zod/mini: the same checks as zod's chained API, in a form the build can tree-shake.
import * as z from 'zod/mini';
import type { Loaded } from './persisted';

let repairs = 0;

/** A field that falls back to `fallback` (counted as a repair) when its stored value is not valid. */
export function lenient<T extends z.ZodMiniType>(schema: T, fallback: z.output<T>) {
  return z.catch(schema, () => {
    repairs++;
    return structuredClone(fallback);
  });
}

/** An array (else the parse fails) whose invalid items are dropped (counted), at most `max` kept. */
export function listOf<T extends z.ZodMiniType>(item: T, max = 10_000) {
  return z.pipe(
    z.array(z.unknown()),
    z.transform((arr: unknown[]) => {
      const out: z.output<T>[] = [];
      for (const x of arr) {
        const r = item.safeParse(x);
        if (r.success && out.length < max) out.push(r.data);
        else repairs++;
      }
      return out;
    }),
  );
}

/** A loader from a zod schema; `fix` may drop more (duplicates…) and says whether it did. */
export function schemaLoader<S>(schema: z.ZodMiniType<S>, fix?: (s: S) => boolean): (data: unknown) => Loaded<S> | undefined {
  return (data) => {
    repairs = 0;
    const r = schema.safeParse(data);
    if (!r.success) return undefined;
    const fixed = fix ? fix(r.data) : false;
    return { state: r.data, partial: repairs > 0 || fixed };
  };
}
