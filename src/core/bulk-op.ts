/**
 * The shape of a bulk operation on retained messages (delete, restore, import): it runs a set
 * of entries through the windowed sender and ends with how many were done and which failed.
 * Only the types live here, so that views (the progress bar, the delete dialog) can speak of
 * an operation without doing the I/O; src/mqtt/retained-ops.ts implements them.
 */
import type { RetainedEntry } from './retained-file';
import type { WindowProgress } from './windowed-sender';

export interface OpFailure {
  entry: RetainedEntry;
  topic: string;
  error: string;
}

export interface OpResult {
  done: number;
  failures: OpFailure[];
}

export interface BulkOptions {
  onProgress?: (p: WindowProgress) => void;
  signal?: AbortSignal;
}

export type BulkOp = (entries: RetainedEntry[], opts?: BulkOptions) => Promise<OpResult>;

/** Why one entry cannot be had with every byte (see withFullPayloads). */
export interface Refusal {
  topic: string;
  reason: string;
}

/** Entries with every payload whole, or why not (nothing is done with a partial payload). */
export type FullPayloads = { ok: true; entries: RetainedEntry[] } | { ok: false; refused: Refusal[] };
