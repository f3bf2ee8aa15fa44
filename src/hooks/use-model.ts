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
import { useSyncExternalStore } from 'react';
import type { Observable } from '../core/emitter';

export function useModel(model: Observable): number;
export function useModel<M extends Observable, T>(model: M, select: (model: M) => T): T;
export function useModel<M extends Observable, T>(model: M, select?: (model: M) => T): T | number {
  return useSyncExternalStore<T | number>(model.subscribe, select ? () => select(model) : model.getVersion);
}
