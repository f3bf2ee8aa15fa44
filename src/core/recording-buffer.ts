/**
 * The recorder's bookkeeping between messages and stored chunks: the next chunk, packed as
 * messages arrive (ChunkPacker), when it is due (~1 s or ~1 MiB of messages, so a reload loses at most the
 * chunk in flight), and the size cap (a message that would take the recording past the cap is
 * refused and the recording must stop). Pure: the worker's recorder (src/mqtt/recorder.ts) owns
 * the timer and the storage.
 */
import { ChunkPacker, type RecordedMessage } from './recording-chunk';

export interface RecordingBufferOptions {
  /** Most bytes the recording may hold (its messages packed, without the 5-byte chunk headers). */
  capBytes: number;
  /** A chunk is due once its messages reach this many bytes (default 1 MiB). */
  chunkBytes?: number;
  /** …or once its first message waited this long (default 1,000 ms). */
  chunkMs?: number;
}

/** One chunk, taken from the buffer to be written. */
export interface PendingChunk {
  /** 0, 1, 2 … in recording order. */
  seq: number;
  /** The packed messages (recording-chunk.ts) and how many. */
  data: Uint8Array;
  count: number;
  /** Receive time of the first and last message. */
  first: number;
  last: number;
  /** Packed bytes of these messages (what the cap counted). */
  bytes: number;
}

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
export const DEFAULT_CHUNK_MS = 1000;

export class RecordingBuffer {
  private readonly packer = new ChunkPacker();
  private pendingBytes = 0;
  private first = 0;
  private last = 0;
  private pendingSince = 0;
  private nextSeq = 0;
  /** Messages and their packed bytes accepted so far (pending ones included). */
  messages = 0;
  bytes = 0;
  /** Set once a message was refused for the cap: nothing more is accepted. */
  capReached = false;
  readonly capBytes: number;
  private readonly chunkBytes: number;
  private readonly chunkMs: number;

  constructor(opts: RecordingBufferOptions) {
    this.capBytes = opts.capBytes;
    this.chunkBytes = opts.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    this.chunkMs = opts.chunkMs ?? DEFAULT_CHUNK_MS;
  }

  /** Takes the message, or refuses it (false) when it would take the recording past the cap. */
  add(m: RecordedMessage): boolean {
    if (this.capReached) return false;
    const size = this.packer.add(m);
    if (this.bytes + size > this.capBytes) {
      this.packer.undo();
      this.capReached = true;
      return false;
    }
    if (this.packer.count === 1) this.pendingSince = this.first = m.time;
    this.last = m.time;
    this.pendingBytes += size;
    this.messages++;
    this.bytes += size;
    return true;
  }

  /** Messages waiting for a chunk. */
  get waiting(): number {
    return this.packer.count;
  }

  /** Whether the waiting messages make a chunk now: big enough, or the oldest waited long enough (`now`, ms). */
  due(now: number): boolean {
    if (this.packer.count === 0) return false;
    return this.pendingBytes >= this.chunkBytes || now - this.pendingSince >= this.chunkMs;
  }

  /** The waiting messages as the next chunk (null when none wait). */
  take(): PendingChunk | null {
    const count = this.packer.count;
    if (count === 0) return null;
    const chunk: PendingChunk = { seq: this.nextSeq++, data: this.packer.take(), count, first: this.first, last: this.last, bytes: this.pendingBytes };
    this.pendingBytes = 0;
    return chunk;
  }
}
