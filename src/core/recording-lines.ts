/**
 * Lines of a JSON Lines file read as a stream of byte chunks, for the recording reader
 * (recording-read.ts). Chunks may split a line, a CRLF or a multi-byte UTF-8 character anywhere:
 * lines are cut at LF bytes (0x0A never occurs inside a UTF-8 sequence) and each run of whole
 * lines is decoded at once, strictly.
 *
 * - A line's CR before its LF is dropped (CRLF files read like LF files).
 * - A UTF-8 byte order mark at the very start is dropped.
 * - Bytes after the last LF that are not just spaces/CR mean the file ends in the middle of a line:
 *   a `RecordingFormatError` (truncated file). Every line of a recording ends with LF.
 * - Bytes that are not UTF-8, and a line longer than `maxLineBytes` (so a file with no line breaks
 *   cannot fill memory), are errors naming the line.
 *
 * Lines come out in arrays (one per chunk that completed any), numbered from 1, blank ones included.
 */

/** A problem with a recording file, at a 1-based line (0 when not about a line). */
export class RecordingFormatError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    /** What to show; by default "line N: reason". */
    message = line > 0 ? `line ${line.toLocaleString('en-US')}: ${reason}` : reason,
  ) {
    super(message);
    this.name = 'RecordingFormatError';
  }
}

/** Bytes to read: a ReadableStream (e.g. `file.stream()`) or any (async) iterable of chunks. */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export interface LineOptions {
  /** Longest line accepted, in bytes (default 64 MiB). */
  maxLineBytes?: number;
  /** Told the bytes read so far after each chunk (for a progress bar). */
  onProgress?: (bytesRead: number) => void;
}

export interface Line {
  /** 1-based line number. */
  number: number;
  text: string;
}

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

/** The chunks of a source; a ReadableStream is read with a reader (not every browser iterates one). */
export async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array, void, undefined> {
  if (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  } else {
    yield* source as AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  }
}

const LF = 10;

/** The lines of `source` (see the file header). Throws RecordingFormatError. */
export async function* readLines(source: ByteSource, options: LineOptions = {}): AsyncGenerator<Line[], void, undefined> {
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let carry: Uint8Array[] = [];
  let carryBytes = 0;
  let lineNo = 0;
  let bytesRead = 0;
  for await (const chunk of chunksOf(source)) {
    bytesRead += chunk.length;
    const lastLf = chunk.lastIndexOf(LF);
    if (lastLf < 0) {
      if (chunk.length) carry.push(chunk.slice());
      carryBytes += chunk.length;
      if (carryBytes > maxLine) throw tooLong(lineNo + 1, maxLine);
      options.onProgress?.(bytesRead);
      continue;
    }
    const head = chunk.subarray(0, lastLf + 1);
    const bytes = carryBytes ? concat([...carry, head], carryBytes + head.length) : head;
    carry = lastLf + 1 < chunk.length ? [chunk.slice(lastLf + 1)] : [];
    carryBytes = chunk.length - lastLf - 1;
    const lines = decodeLines(decoder, bytes, lineNo, maxLine);
    lineNo += lines.length;
    if (carryBytes > maxLine) throw tooLong(lineNo + 1, maxLine);
    options.onProgress?.(bytesRead);
    yield lines;
  }
  // Bytes after the last LF: a cut line (even one cut inside a character), unless only blanks.
  if (carryBytes) {
    const rest = concat(carry, carryBytes);
    const from = lineNo === 0 && rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf ? 3 : 0;
    if (!rest.subarray(from).every((b) => b === 0x20 || b === 0x09 || b === 0x0d)) {
      throw new RecordingFormatError(lineNo + 1, 'the file ends in the middle of this line (truncated?)');
    }
  }
}

/** The lines in `bytes`, which ends with LF, numbered after `before`. */
function decodeLines(decoder: TextDecoder, bytes: Uint8Array, before: number, maxLine: number): Line[] {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new RecordingFormatError(before + firstBadUtf8Line(bytes), 'not UTF-8 text');
  }
  const parts = text.split('\n');
  parts.pop(); // after the last LF
  if (before === 0 && parts.length && parts[0].charCodeAt(0) === 0xfeff) parts[0] = parts[0].slice(1);
  const out: Line[] = new Array(parts.length);
  for (let i = 0; i < parts.length; i++) {
    let t = parts[i];
    // A line's length in UTF-16 units is at most its bytes: only a long one needs counting.
    if (t.length > maxLine / 3 && new TextEncoder().encode(t).length > maxLine) throw tooLong(before + i + 1, maxLine);
    if (t.charCodeAt(t.length - 1) === 13) t = t.slice(0, -1);
    out[i] = { number: before + i + 1, text: t };
  }
  return out;
}

function firstBadUtf8Line(bytes: Uint8Array): number {
  const one = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let n = 1; ; n++) {
    let end = bytes.indexOf(LF, start);
    if (end < 0) end = bytes.length;
    try {
      one.decode(bytes.subarray(start, end));
    } catch {
      return n;
    }
    if (end >= bytes.length) return n;
    start = end + 1;
  }
}

function tooLong(line: number, max: number): RecordingFormatError {
  return new RecordingFormatError(line, `longer than ${Math.round(max / 1024 / 1024)} MiB (is this a Switchyard recording?)`);
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
