/**
 * Copies payloads out of a batch buffer for keeping (core/topic-trie.ts holds them as `last`
 * and in history). A copy of its own per message (`slice`) costs a typed array and an array
 * buffer object each, ~120 bytes of heap in Chromium beside a 10-byte payload: with a million
 * topics that was the largest single cost per topic. So small payloads (up to SMALL_PAYLOAD
 * bytes, most sensor readings) are copied side by side into shared chunks of CHUNK_BYTES, and
 * each message gets a view of its own bytes there (a typed array only, no buffer object).
 *
 * What a kept view can pin is one chunk (1 KiB), never a batch buffer: a history entry never
 * holds on to the large payloads that arrived in the same batch. Larger payloads are copied on
 * their own, as before.
 *
 * Only a topic's first message is packed (`share`): a chunk lives as long as any view into it,
 * so if every message were packed, one slow topic's reading could keep a chunk of a fast topic's
 * long-dropped readings alive, and a mix of slow and fast topics would pin ~1 KiB per kept entry
 * of the slow ones. First messages are what a million topics are made of, and they are dropped
 * together with their topic's oldest history, so their chunks empty out at about the same pace. Views are exactly the payload's length (`byteOffset` need not be 0: read
 * them through the view, never through `.buffer` alone).
 */
export const SMALL_PAYLOAD = 64;
export const CHUNK_BYTES = 1024;

const EMPTY = new Uint8Array(0);

export class PayloadPacker {
  private chunk: Uint8Array | undefined;
  private used = 0;

  /** A copy of `source[offset, offset + length)` that is safe to keep; packed only if `share`. */
  copy(source: Uint8Array, offset: number, length: number, share = true): Uint8Array {
    if (length === 0) return EMPTY;
    if (!share || length > SMALL_PAYLOAD) return source.slice(offset, offset + length);
    if (!this.chunk || this.used + length > CHUNK_BYTES) {
      this.chunk = new Uint8Array(CHUNK_BYTES);
      this.used = 0;
    }
    const view = this.chunk.subarray(this.used, this.used + length);
    view.set(source.subarray(offset, offset + length));
    this.used += length;
    return view;
  }
}
