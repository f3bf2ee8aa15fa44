import { describe, expect, it } from 'vitest';
import { encodeHeaderLine, encodeMessageLine, encodeRecording, recordingByteStream, type RecordedMessage } from './recording-format';
import { checkRecording, readRecording } from './recording-read';
import { sameBytes } from './bytes';
import { estimateMessageBytes, packChunk, unpackChunk, type RecordedMessage as ChunkMessage } from './recording-chunk';
import { userPropsFromPairs } from './user-properties';

const enc = new TextEncoder();
const bytes = (...b: number[]) => Uint8Array.from(b);
const T0 = Date.UTC(2026, 11, 1, 14, 3, 0);

/** Every kind of message a recording must keep exactly. */
const SAMPLES: RecordedMessage[] = [
  { time: T0, topic: 'plant/line1/temp', qos: 0, retain: false, payload: enc.encode('21.5') },
  { time: T0 + 1, topic: 'bin/zero', qos: 1, retain: false, payload: bytes(0x00, 0x00, 0xff, 0x00) },
  { time: T0 + 1, topic: 'bin/invalid-utf8', qos: 2, retain: true, payload: bytes(0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc) },
  { time: T0 + 2, topic: 'state/cleared', qos: 1, retain: true, payload: new Uint8Array(0) },
  { time: T0 + 2.5, topic: 'häuser/küche/温度/😀', qos: 0, retain: true, payload: enc.encode('{"v":"Grüße 😀"}') },
  { time: T0 + 3, topic: '$SYS/broker/uptime', qos: 0, retain: false, payload: enc.encode('10 seconds') },
  { time: T0 + 4, topic: 'a//b/ /"quoted"\\/\u2028', qos: 0, retain: false, payload: enc.encode('line\nbreak\r\n') },
  {
    time: T0 + 5,
    topic: 'v5/all',
    qos: 2,
    retain: false,
    payload: enc.encode('with properties'),
    properties: {
      contentType: 'application/json',
      payloadFormatIndicator: true,
      messageExpiryInterval: 4294967295,
      responseTopic: 'v5/reply/😀',
      correlationData: bytes(0, 1, 2, 0xfe, 0xff),
      userProperties: userPropsFromPairs([
        ['__proto__', 'data'],
        ['constructor', 'x'],
        ['dup', 'one'],
        ['dup', 'two'],
        ['ünï', '😀'],
      ]),
    },
  },
  { time: T0 + 6, topic: 'v5/some', qos: 1, retain: false, payload: bytes(1), properties: { payloadFormatIndicator: false, messageExpiryInterval: 0 } },
];

const HEADER = { name: 'Line 1 at 14:03', broker: 'ws://broker:9001', start: T0, end: T0 + 10, messages: SAMPLES.length, filters: ['#'], app: 'Switchyard test' };

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function fileText(messages: RecordedMessage[], header: object = HEADER, pieceChars?: number): Promise<string> {
  return (await collect(encodeRecording(header, [messages], { pieceChars }))).join('');
}

/** The file's bytes cut into chunks of `size` bytes. */
function* chunks(data: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.slice(i, i + size);
}

async function readAll(data: Uint8Array, chunkSize = 65536): Promise<RecordedMessage[]> {
  return (await collect(readRecording(chunks(data, chunkSize), { batchSize: 3 }))).flat();
}

async function check(text: string | Uint8Array, chunkSize = 65536) {
  return checkRecording(chunks(typeof text === 'string' ? enc.encode(text) : text, chunkSize));
}

const header1 = JSON.stringify({ format: 'switchyard-recording', version: 1 });
const line = (o: object) => JSON.stringify({ time: T0, topic: 'a/b', qos: 0, retain: false, payload: 'AA==', ...o });

describe('recording file: round trip', () => {
  it('keeps every byte, flag and property (binary, empty, retained, QoS 0/1/2, MQTT 5, unicode topics)', async () => {
    const data = enc.encode(await fileText(SAMPLES));
    const back = await readAll(data);
    expect(back).toEqual(SAMPLES);
    const props = back[7].properties!.userProperties!;
    expect(Object.getPrototypeOf(props)).toBe(null);
    expect(Object.getOwnPropertyNames(props)).toEqual(['__proto__', 'constructor', 'dup', 'ünï']);
    expect(props.dup).toEqual(['one', 'two']);
  });

  it('writes the header line and one line per message, each ending with LF', async () => {
    const text = await fileText(SAMPLES);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(SAMPLES.length + 1);
    expect(JSON.parse(lines[0])).toEqual({ format: 'switchyard-recording', version: 1, ...HEADER });
    expect(JSON.parse(lines[2])).toEqual({ time: T0 + 1, topic: 'bin/zero', qos: 1, retain: false, payload: 'AAD/AA==' });
    expect(JSON.parse(lines[8]).properties).toEqual({
      contentType: 'application/json',
      payloadFormatIndicator: true,
      messageExpiryInterval: 4294967295,
      responseTopic: 'v5/reply/😀',
      correlationData: 'AAEC/v8=',
      userProperties: [['__proto__', 'data'], ['constructor', 'x'], ['dup', 'one'], ['dup', 'two'], ['ünï', '😀']],
    });
    expect(encodeHeaderLine({})).toBe(header1 + '\n');
    expect(encodeMessageLine({ time: 1, topic: 't', qos: 0, retain: false, payload: new Uint8Array(0), properties: {} })).toBe(
      '{"time":1,"topic":"t","qos":0,"retain":false,"payload":""}\n',
    );
  });

  it('reads the same file fed one byte at a time (lines, CRLF and UTF-8 characters split across chunks)', async () => {
    const data = enc.encode(await fileText(SAMPLES));
    expect(await readAll(data, 1)).toEqual(SAMPLES);
    for (const size of [2, 3, 5, 7, 64]) expect(await readAll(data, size)).toEqual(SAMPLES);
    const crlf = enc.encode((await fileText(SAMPLES)).replace(/\n/g, '\r\n'));
    expect(await readAll(crlf, 1)).toEqual(SAMPLES);
  });

  it('reads a ReadableStream, skips a byte order mark and blank lines, ignores unknown fields', async () => {
    const text = `\uFEFF${header1.slice(0, -1)},"future":{"x":1}}\n\n${line({ extra: true })}\r\n   \n`;
    const got = (await collect(readRecording(new Blob([text]).stream()))).flat();
    expect(got).toEqual([{ time: T0, topic: 'a/b', qos: 0, retain: false, payload: bytes(0) }]);
  });

  it('summarises a valid file: header, count, time range, order, payload bytes, stored size', async () => {
    const result = await check(await fileText(SAMPLES));
    expect(result).toEqual({
      ok: true,
      header: { format: 'switchyard-recording', version: 1, ...HEADER },
      messages: SAMPLES.length,
      firstTime: T0,
      lastTime: T0 + 6,
      inOrder: true,
      payloadBytes: SAMPLES.reduce((n, m) => n + m.payload.length, 0),
      storedBytes: SAMPLES.reduce((n, m) => n + estimateMessageBytes(m), 0),
    });
  });

  it('keeps messages out of time order in file order and says so', async () => {
    const shuffled = [SAMPLES[3], SAMPLES[0], SAMPLES[8], SAMPLES[1]];
    const text = await fileText(shuffled, {});
    expect(await readAll(enc.encode(text))).toEqual(shuffled);
    expect(await check(text)).toMatchObject({ ok: true, messages: 4, firstTime: T0, lastTime: T0 + 6, inOrder: false });
  });

  it('a header without messages is a valid, empty recording', async () => {
    expect(await check(header1 + '\n')).toMatchObject({ ok: true, messages: 0, firstTime: null, lastTime: null, inOrder: true });
  });
});

describe('recording file: refusing a broken file at its first bad line', () => {
  const bad = async (text: string | Uint8Array) => {
    const r = await check(text);
    if (r.ok) throw new Error('accepted');
    return r;
  };

  it('names the first bad line of many (with thousands separators)', async () => {
    const lines = [header1];
    for (let i = 2; i <= 2000; i++) lines.push(line({ time: T0 + i, payload: i === 1234 ? 'AA!A' : i === 1500 ? '*' : 'AAAA' }));
    const r = await bad(lines.join('\n') + '\n');
    expect(r).toEqual({ ok: false, line: 1234, error: 'line 1,234: payload is not base64 (invalid character "!" at position 3)' });
    // The streaming reader stops at the same line with the same words.
    await expect(collect(readRecording([enc.encode(lines.join('\n') + '\n')]))).rejects.toThrow('line 1,234: payload is not base64');
  });

  it.each([
    ['not JSON', '{"time":1,', 'line 2: not JSON'],
    ['an array', '[1,2]', 'line 2: a message line must be a JSON object'],
    ['no topic', JSON.stringify({ time: 1, qos: 0, retain: false, payload: '' }), 'line 2: topic must be text'],
    ['a wildcard topic', line({ topic: 'a/+/b' }), 'line 2: topic is not a valid MQTT topic name: Wildcards + and # are not allowed in a publish topic'],
    ['an empty topic', line({ topic: '' }), 'line 2: topic is not a valid MQTT topic name: Topic must not be empty'],
    ['a NUL in the topic', line({ topic: 'a\u0000b' }), 'line 2: topic is not a valid MQTT topic name: Topic must not contain the NUL character'],
    ['a topic over 65,535 bytes', line({ topic: 'é'.repeat(32768) }), 'line 2: topic is not a valid MQTT topic name: Topic is too long: 65536 bytes'],
    ['a lone surrogate', line({ topic: 'a\ud800' }), 'line 2: topic is not a valid MQTT topic name: Topic is not well-formed Unicode'],
    ['QoS 3', line({ qos: 3 }), 'line 2: qos must be 0, 1 or 2'],
    ['QoS as text', line({ qos: '1' }), 'line 2: qos must be 0, 1 or 2'],
    ['a time as text', line({ time: '14:03' }), 'line 2: time must be a number (ms since epoch)'],
    ['no time', line({ time: null }), 'line 2: time must be a number (ms since epoch)'],
    ['retain as a number', line({ retain: 1 }), 'line 2: retain must be true or false'],
    ['a payload that is not text', line({ payload: [1, 2] }), 'line 2: payload must be base64 text'],
    ['URL-safe base64', line({ payload: 'AA_-' }), 'line 2: payload is not base64 (invalid character "_" at position 3)'],
    ['bad correlation data', line({ properties: { correlationData: 'A' } }), 'line 2: properties.correlationData is not base64 (1 characters cannot encode whole bytes)'],
    ['user properties as a record', line({ properties: { userProperties: { a: 'b' } } }), 'line 2: properties.userProperties must be a list of [name, value] pairs of text'],
    ['a user property value that is a number', line({ properties: { userProperties: [['a', 1]] } }), 'line 2: properties.userProperties must be a list of [name, value] pairs of text'],
    ['an expiry below 0', line({ properties: { messageExpiryInterval: -1 } }), 'line 2: properties.messageExpiryInterval must be a whole number of seconds'],
    ['properties that are text', line({ properties: 'x' }), 'line 2: properties must be an object'],
  ])('%s', async (_what, text, error) => {
    const r = await bad(`${header1}\n${text}\n${line({})}\n`);
    expect(r.line).toBe(2);
    expect(r.error.startsWith(error)).toBe(true);
  });

  it('bytes that are not UTF-8 name their line, even fed one byte at a time', async () => {
    const head = enc.encode(`${header1}\n${line({})}\n`);
    const badLine = Uint8Array.from([...enc.encode('{"time":1,"topic":"a'), 0xff, ...enc.encode('","qos":0,"retain":false,"payload":""}\n')]);
    const data = Uint8Array.from([...head, ...badLine, ...enc.encode(line({}) + '\n')]);
    expect(await check(data)).toEqual({ ok: false, line: 3, error: 'line 3: not UTF-8 text' });
    expect(await check(data, 1)).toEqual({ ok: false, line: 3, error: 'line 3: not UTF-8 text' });
  });

  it('not a recording: another JSON file, a message first, plain text, a second header is a bad message', async () => {
    const retainedExport = JSON.stringify({ format: 'switchyard.retained', version: 1, messages: [] }, null, 2);
    expect(await bad(retainedExport)).toEqual({ ok: false, line: 1, error: 'line 1: not a Switchyard recording (the first line is not JSON)' });
    expect(await bad(line({}) + '\n')).toEqual({ ok: false, line: 1, error: 'line 1: not a Switchyard recording' });
    expect(await bad('hello\n')).toMatchObject({ line: 1, error: 'line 1: not a Switchyard recording (the first line is not JSON)' });
    expect(await bad(`${header1}\n${header1}\n`)).toMatchObject({ line: 2, error: 'line 2: time must be a number (ms since epoch)' });
  });

  it('refuses another version, saying which versions it reads', async () => {
    expect(await bad('{"format":"switchyard-recording","version":2}\n')).toEqual({
      ok: false,
      line: 1,
      error: 'unsupported version 2 (this app reads version 1)',
    });
    expect(await bad('{"format":"switchyard-recording","version":"1"}\n')).toMatchObject({ error: 'unsupported version "1" (this app reads version 1)' });
    expect(await bad('{"format":"switchyard-recording"}\n')).toMatchObject({ error: 'unsupported version null (this app reads version 1)' });
    expect(await bad(`{"format":"switchyard-recording","version":1,"messages":-1}\n`)).toMatchObject({
      line: 1,
      error: 'line 1: header: messages must not be negative',
    });
  });

  it('an empty file, or one of blank lines only', async () => {
    expect(await bad('')).toEqual({ ok: false, line: 0, error: 'the file is empty (not a Switchyard recording)' });
    expect(await bad('\n\r\n \n')).toMatchObject({ line: 1, error: 'line 1: not a Switchyard recording (no header line)' });
  });

  it('a file cut in the middle of its last line, wherever the cut falls', async () => {
    const text = await fileText(SAMPLES);
    const data = enc.encode(text);
    const lastLineStart = text.lastIndexOf('\n', text.length - 2) + 1;
    const startByte = enc.encode(text.slice(0, lastLineStart)).length;
    for (let cut = startByte + 1; cut < data.length; cut++) {
      for (const size of [1, 4096]) {
        const r = await check(data.slice(0, cut), size);
        expect(r).toEqual({ ok: false, line: SAMPLES.length + 1, error: `line ${SAMPLES.length + 1}: the file ends in the middle of this line (truncated?)` });
      }
    }
    // A cut inside a multi-byte character of a line before the last is a cut line too.
    const mid = text.indexOf('温');
    const cutAt = enc.encode(text.slice(0, mid)).length + 1;
    const cutLine = text.slice(0, mid).split('\n').length;
    for (const size of [1, 4096]) {
      expect(await check(data.slice(0, cutAt), size)).toEqual({ ok: false, line: cutLine, error: `line ${cutLine}: the file ends in the middle of this line (truncated?)` });
    }
    // A byte order mark alone is an empty file, not a cut one.
    expect(await check(Uint8Array.of(0xef, 0xbb, 0xbf))).toMatchObject({ ok: false, line: 0, error: 'the file is empty (not a Switchyard recording)' });
  });

  it('a file cut between lines: the header count catches it', async () => {
    const text = await fileText(SAMPLES);
    const cut = text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1);
    expect(await bad(cut)).toEqual({
      ok: false,
      line: SAMPLES.length + 1,
      error: `line ${SAMPLES.length + 1}: the header says ${SAMPLES.length} messages but the file holds ${SAMPLES.length - 1} (truncated?)`,
    });
    // Without a count in the header such a file is valid: the count is the writer's promise.
    const noCount = (await fileText(SAMPLES, {})).split('\n').slice(0, -2).join('\n') + '\n';
    expect(await check(noCount)).toMatchObject({ ok: true, messages: SAMPLES.length - 1 });
  });

  it('a line longer than the limit, even without any line break', async () => {
    const long = enc.encode(`${header1}\n${'x'.repeat(5000)}`);
    const r = await checkRecording(chunks(long, 100), { maxLineBytes: 1000 });
    expect(r).toMatchObject({ ok: false, line: 2 });
    const inOneChunk = await checkRecording([enc.encode(`${header1}\n${line({ payload: 'A'.repeat(4000) })}\n`)], { maxLineBytes: 1000 });
    expect(inOneChunk).toMatchObject({ ok: false, line: 2 });
  });
});

describe('recording file: streaming', () => {
  /** Message i of a synthetic recording, made again on demand (nothing is kept). */
  const synthetic = (i: number): RecordedMessage => ({
    time: T0 + i * 10,
    topic: `site/${i % 97}/dev/${i % 1000}`,
    qos: (i % 3) as 0 | 1 | 2,
    retain: i % 11 === 0,
    payload: enc.encode(`{"seq":${i},"v":${(i * 7) % 1000}}`),
    properties: i % 5000 === 0 ? { userProperties: userPropsFromPairs([['seq', String(i)]]) } : undefined,
  });
  const N = 100_000;
  function* batches(): Generator<RecordedMessage[]> {
    for (let i = 0; i < N; i += 1000) yield Array.from({ length: 1000 }, (_, k) => synthetic(i + k));
  }

  it(`${N.toLocaleString('en-US')} messages: export as bounded pieces, read back in batches, never one big string`, async () => {
    const PIECE = 64 * 1024;
    const sizes: number[] = [];
    const longestLine = 400;
    async function* bytesOut(): AsyncGenerator<Uint8Array> {
      for await (const piece of encodeRecording({ name: 'big', messages: N }, batches(), { pieceChars: PIECE })) {
        sizes.push(piece.length);
        yield enc.encode(piece);
      }
    }
    let count = 0;
    let batchesIn = 0;
    const wrong: number[] = [];
    for await (const batch of readRecording(bytesOut(), { batchSize: 5000 })) {
      batchesIn++;
      expect(batch.length).toBeLessThanOrEqual(5000);
      for (const m of batch) {
        // Every message by time, topic, flags and payload; every 997th in full (properties too).
        const want = synthetic(count);
        const same = m.time === want.time && m.topic === want.topic && m.qos === want.qos && m.retain === want.retain && sameBytes(m.payload, want.payload);
        if (!same) wrong.push(count);
        if (count % 997 === 0 || want.properties) expect(m).toEqual(want);
        count++;
      }
    }
    expect(wrong).toEqual([]);
    expect(count).toBe(N);
    expect(batchesIn).toBe(N / 5000);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(5_000_000);
    expect(sizes.length).toBeGreaterThan(total / (PIECE + longestLine));
    expect(Math.max(...sizes)).toBeLessThan(PIECE + longestLine);
  }, 60_000);

  it('the byte stream is pulled: batches are read only as fast as the consumer reads', async () => {
    let batchesRead = 0;
    function* counted(): Generator<RecordedMessage[]> {
      for (const b of batches()) {
        batchesRead++;
        yield b;
      }
    }
    const stream = recordingByteStream({ messages: N }, counted(), { pieceChars: 1024 });
    const reader = stream.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).startsWith('{"format":"switchyard-recording","version":1,"messages":100000}\n')).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    expect(batchesRead).toBeLessThanOrEqual(2);
    await reader.cancel();
    // Read fully, a stream decodes to what went in.
    const small = recordingByteStream(HEADER, [SAMPLES.slice(0, 4), [], SAMPLES.slice(4)], { pieceChars: 10 });
    expect((await collect(readRecording(small))).flat()).toEqual(SAMPLES);
  });

  it('reports progress in bytes read', async () => {
    const data = enc.encode(await fileText(SAMPLES));
    const seen: number[] = [];
    await checkRecording(chunks(data, 100), { onProgress: (b) => seen.push(b) });
    expect(seen.at(-1)).toBe(data.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});

describe('recording file: from stored chunks', () => {
  it('messages unpacked from stored chunks (recording-chunk.ts) export and import unchanged', async () => {
    // The storage's message type and this one must stay the same shape (a type error otherwise).
    const stored: ChunkMessage[] = unpackChunk(packChunk(SAMPLES.slice(0, 5))).concat(unpackChunk(packChunk(SAMPLES.slice(5))));
    const asExported: RecordedMessage[] = stored;
    const text = (await collect(encodeRecording(HEADER, [stored.slice(0, 5), stored.slice(5)]))).join('');
    const back: ChunkMessage[] = await readAll(enc.encode(text));
    expect(back).toEqual(SAMPLES);
    expect(asExported).toEqual(SAMPLES);
  });
});
