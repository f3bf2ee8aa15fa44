/**
 * The recorder, in the MQTT worker (loaded by record-control.ts when recording starts): every
 * message the connection receives that matches the filter, taken before the batcher coalesces
 * a flood, every payload byte. The hot path filters and packs the message into the next chunk
 * (core/recording-buffer.ts, core/recording-chunk.ts); a 250 ms timer writes due chunks one at a time
 * (lib/recordings-db.ts), and tells the main thread how far it got. Reaching the size cap or a
 * failed write (QuotaExceededError, …) stops it cleanly: what was stored stays, the reason is
 * stored with the recording and reported.
 */
import { matchesFilter } from '../core/topic-filter';
import { RecordingBuffer, type PendingChunk } from '../core/recording-buffer';
import type { RecordedMessage } from '../core/recording-chunk';
import type { RecordingMeta, RecordingStatus, StoredChunk } from '../lib/recordings-db';
import type { RecorderEvent } from './recorder-protocol';

/** Where the recorder stores (IndexedDB in the app, a fake in unit tests). */
export interface RecordingSink {
  create(meta: RecordingMeta): Promise<void>;
  write(chunk: StoredChunk): Promise<void>;
  finish(id: string, status: RecordingStatus, reason: string | undefined, end: number): Promise<void>;
}

export interface RecorderOptions {
  id: string;
  name: string;
  brokerUrl: string;
  filters: string[];
  capBytes: number;
  sink: RecordingSink;
  post: (ev: RecorderEvent) => void;
  /** Called once the recording stopped and its last write is done. */
  onStopped?: () => void;
  now?: () => number;
  /** How often due chunks are written and progress is posted (ms; default 250). */
  tickMs?: number;
  chunkBytes?: number;
  chunkMs?: number;
}

/** Topic → matches the filter; cleared when it grows past this many topics. */
const MATCH_CACHE_LIMIT = 100_000;

export class Recorder {
  private readonly buffer: RecordingBuffer;
  private readonly matchAll: boolean;
  private readonly matches = new Map<string, boolean>();
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Writes in order: each chunk after the previous one finished. */
  private writing: Promise<void> = Promise.resolve();
  private stored = 0;
  private storedBytes = 0;
  private storedEnd = 0;
  private stopping: Promise<void> | null = null;
  private failed: string | null = null;
  private posted = { messages: -1, bytes: -1 };
  private readonly now: () => number;

  private constructor(private readonly opts: RecorderOptions) {
    this.buffer = new RecordingBuffer({ capBytes: opts.capBytes, chunkBytes: opts.chunkBytes, chunkMs: opts.chunkMs });
    this.matchAll = opts.filters.includes('#');
    this.now = opts.now ?? Date.now;
  }

  /** Creates the recording in storage and starts taking messages. */
  static async start(opts: RecorderOptions): Promise<Recorder> {
    const r = new Recorder(opts);
    const start = r.now();
    await opts.sink.create({
      id: opts.id,
      name: opts.name,
      brokerUrl: opts.brokerUrl,
      start,
      end: start,
      messages: 0,
      bytes: 0,
      status: 'recording',
      filter: opts.filters,
      chunks: 0,
      updatedAt: start,
    });
    r.storedEnd = start;
    r.timer = setInterval(() => r.tick(), opts.tickMs ?? 250);
    r.report('recording');
    return r;
  }

  get brokerUrl(): string {
    return this.opts.brokerUrl;
  }

  get stopped(): boolean {
    return this.stopping !== null;
  }

  /** The hot path: one message as received. */
  add(m: RecordedMessage): void {
    if (this.stopping) return;
    if (!this.matchAll && !this.wanted(m.topic)) return;
    if (!this.buffer.add(m)) {
      const cap = `${Math.round((this.opts.capBytes / 1024 / 1024) * 10) / 10} MB`;
      void this.stop('stopped', `Size cap reached (${cap}): the recording stopped. Everything recorded before is kept; raise the cap under Recordings to record more.`);
    }
  }

  private wanted(topic: string): boolean {
    let hit = this.matches.get(topic);
    if (hit === undefined) {
      hit = this.opts.filters.some((f) => matchesFilter(f, topic));
      if (this.matches.size >= MATCH_CACHE_LIMIT) this.matches.clear();
      this.matches.set(topic, hit);
    }
    return hit;
  }

  /** Writes a chunk if one is due; reports progress when it changed. */
  private tick(): void {
    if (this.buffer.due(this.now())) this.writeNext();
    if (this.buffer.messages !== this.posted.messages || this.buffer.bytes !== this.posted.bytes) this.report('recording');
  }

  private writeNext(): void {
    const chunk = this.buffer.take();
    if (chunk) this.writing = this.writing.then(() => this.write(chunk));
  }

  private async write(chunk: PendingChunk): Promise<void> {
    if (this.failed) return;
    try {
      await this.opts.sink.write({
        recordingId: this.opts.id,
        seq: chunk.seq,
        first: chunk.first,
        last: chunk.last,
        count: chunk.count,
        data: chunk.data,
      });
      this.stored += chunk.count;
      this.storedBytes += chunk.bytes;
      this.storedEnd = chunk.last;
    } catch (e) {
      const err = e as Error | undefined;
      const quota = err?.name === 'QuotaExceededError';
      this.failed = quota
        ? `The browser's storage is full (QuotaExceededError): the recording stopped. The ${this.stored} messages stored before are kept.`
        : `Could not store the recording (${err?.name ? `${err.name}: ` : ''}${err?.message || String(e)}): it stopped. The ${this.stored} messages stored before are kept.`;
      void this.stop('stopped', this.failed);
    }
  }

  /**
   * Stops taking messages, writes what waits (unless a write failed), stores the final status
   * and reports it. `complete` when the user stopped it; `stopped` with a reason otherwise.
   */
  stop(status: 'complete' | 'stopped' = 'complete', reason?: string): Promise<void> {
    if (this.stopping) return this.stopping;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.writeNext();
    this.stopping = this.writing
      .then(async () => {
        const finalReason = this.failed ?? reason;
        const finalStatus = this.failed ? 'stopped' : status;
        try {
          await this.opts.sink.finish(this.opts.id, finalStatus, finalReason, this.storedEnd);
        } catch {
          // The chunks are stored with their counts; the list shows it as interrupted.
        }
        this.report('stopped', finalReason);
      })
      .finally(() => this.opts.onStopped?.());
    return this.stopping;
  }

  private report(state: RecorderEvent['state'], reason?: string): void {
    const done = state === 'stopped';
    // Once stopped, the figures are what storage holds.
    const messages = done ? this.stored : this.buffer.messages;
    const bytes = done ? this.storedBytes : this.buffer.bytes;
    this.posted = { messages, bytes };
    this.opts.post({
      type: 'recorder',
      state,
      recordingId: this.opts.id,
      name: this.opts.name,
      messages,
      bytes,
      capBytes: this.opts.capBytes,
      ...(reason ? { reason } : {}),
    });
  }
}
