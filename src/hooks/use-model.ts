/**
 * The one bridge from live models to React. Every model extends VersionedEmitter
 * (src/core/emitter.ts); a view reads it with
 *
 *   const epoch = useModel(trie);                              // re-render on every change
 *   const last = useModel(trie, (t) => t.get(topic)?.last);    // re-render when this value changes
 *
 * `select` runs on every change of the model and must return something comparable with
 * Object.is (a number, a string, or an object the model replaces rather than mutates, such as
 * a node's `version` or `last` message). The component re-renders only when it differs.
 */
import { startTransition, useEffect, useLayoutEffect, useReducer, useRef, useSyncExternalStore } from 'react';
import type { Observable } from '../core/emitter';
import { graceLeft, watchInput } from './input-grace';

export function useModel(model: Observable): number;
export function useModel<M extends Observable, T>(model: M, select: (model: M) => T): T;
export function useModel<M extends Observable, T>(model: M, select?: (model: M) => T): T | number {
  return useSyncExternalStore<T | number>(model.subscribe, select ? () => select(model) : model.getVersion);
}

/**
 * How often a live view (the tree's rows, the totals, the Message panel) follows a model that
 * changes every frame: 10 times a second is as fast as anyone reads a number, and it leaves the
 * frames in between to the ingest and to the user's input.
 */
export const LIVE_REFRESH_MS = 100;

/**
 * Like `useModel(model, select)` for views of a firehose: `select` is read at every render (so
 * the value is always current), but the model's changes re-render the component at most every
 * `intervalMs` (the first change after a quiet spell at once), and as a React transition, so a
 * click or a key press is never queued behind a live refresh (React renders those first and
 * drops the refresh it interrupted). Unlike useSyncExternalStore, parts of one render may see
 * two successive versions of the model; only views whose every read comes from the same model
 * and tolerates that (counts, previews, the last message) use this.
 */
export function useLiveModel<M extends Observable, T>(model: M, select: (model: M) => T, intervalMs = LIVE_REFRESH_MS): T {
  return useLiveRefresh(model, select, intervalMs).value;
}

/**
 * useLiveModel that also counts the component's live refreshes (`refreshes` goes up by one with
 * each). A view that re-renders for another reason between two refreshes (a click, a key, a
 * focus move) can tell that render apart and keep showing what the last refresh showed, so the
 * input's frame does only the input's work (the tree's rows: topic-tree.tsx).
 */
export function useLiveRefresh<M extends Observable, T>(model: M, select: (model: M) => T, intervalMs = LIVE_REFRESH_MS): { value: T; refreshes: number } {
  const value = select(model);
  const shown = useRef(value);
  const selectRef = useRef(select);
  useLayoutEffect(() => {
    shown.current = value;
    selectRef.current = select;
  });
  const [refreshes, refresh] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    watchInput();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = -Infinity;
    const check = () => {
      // Not in the frames right after a click or a key (input-grace.ts): the input's own render goes first.
      const grace = graceLeft(performance.now());
      if (grace > 0) {
        timer = setTimeout(check, grace);
        return;
      }
      timer = undefined;
      last = performance.now();
      if (!Object.is(selectRef.current(model), shown.current)) startTransition(refresh);
    };
    const unsubscribe = model.subscribe(() => {
      if (timer !== undefined) return;
      const wait = intervalMs - (performance.now() - last);
      if (wait <= 0) check();
      else timer = setTimeout(check, wait);
    });
    check(); // what changed between the render and this subscription
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [model, intervalMs]);
  return { value, refreshes };
}
