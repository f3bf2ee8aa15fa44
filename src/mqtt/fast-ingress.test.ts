/**
 * The QoS 0 shortcut past mqtt.js (fast-ingress.ts). mqtt-packet (the parser mqtt.js uses) is the
 * oracle: whatever the frames, the messages read here plus what mqtt-packet parses out of the
 * bytes forwarded must be the packets of the stream, in order, each exactly once.
 */
import { describe, expect, it } from 'vitest';
import mqttPacket from 'mqtt-packet';
import { FastIngress, decodeTopic, interceptMessages } from './fast-ingress';

type Packet = mqttPacket.Packet;
const bytesOf = (p: Packet, protocolVersion = 4) => new Uint8Array(mqttPacket.generate(p, { protocolVersion }));
const pub = (topic: string, payload: string | Uint8Array, extra: Partial<mqttPacket.IPublishPacket> = {}): Packet => ({
  cmd: 'publish',
  topic,
  payload: typeof payload === 'string' ? Buffer.from(payload) : Buffer.from(payload),
  qos: 0,
  retain: false,
  dup: false,
  ...extra,
});
const suback: Packet = { cmd: 'suback', messageId: 7, granted: [0, 1] };
const pingresp: Packet = { cmd: 'pingresp' };
const connack = (v: number): Packet => (v === 5 ? { cmd: 'connack', reasonCode: 0, sessionPresent: false } : { cmd: 'connack', returnCode: 0, sessionPresent: false });

/** A payload as its length and FNV-1a hash (cheap to compare for megabytes). */
const digest = (b: Uint8Array) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 16777619);
  return `${b.length}:${(h >>> 0).toString(16)}`;
};
const lengthOf = (d: string | undefined) => Number(d!.split(':')[0]);

/** What reaches the worker, in order: messages read here and packets mqtt.js parsed and handled. */
type Seen = { via: 'fast' | 'mqtt'; cmd: string; topic?: string; payload?: string; retain?: boolean; qos?: number };

/**
 * Feeds `frames` to a FastIngress with a model of mqtt.js behind it: forwarded bytes are parsed
 * by mqtt-packet; each packet is reported (handled()) and "emitted" either at once or, with
 * `lateMqtt`, only between some frames and at the end (mqtt.js's queue runs on timers in the
 * browser), a microtask turn after each such run.
 */
async function run(frames: Uint8Array[], protocolVersion = 4, lateMqtt = false, maxPacketSize?: number) {
  const seen: Seen[] = [];
  const forwarded: Uint8Array[] = [];
  const ingress = new FastIngress({
    protocolVersion,
    maxPacketSize,
    message: (topic, payload, retain) => seen.push({ via: 'fast', cmd: 'publish', topic, payload: digest(payload), retain, qos: 0 }),
  });
  const parser = mqttPacket.parser({ protocolVersion });
  const parsed: Packet[] = [];
  parser.on('packet', (p) => parsed.push(p));
  parser.on('error', (e) => {
    throw e;
  });
  const handleParsed = () => {
    while (parsed.length) {
      const p = parsed.shift()!;
      ingress.handled();
      const s: Seen = { via: 'mqtt', cmd: p.cmd };
      if (p.cmd === 'publish') Object.assign(s, { topic: p.topic, payload: digest(p.payload as Buffer), retain: p.retain, qos: p.qos });
      seen.push(s);
    }
  };
  const forward = (data: ArrayBuffer) => {
    forwarded.push(new Uint8Array(data));
    parser.parse(Buffer.from(data));
    if (!lateMqtt) handleParsed();
  };
  let turn = 0;
  for (const f of frames) {
    const copy = f.slice(); // each frame its own ArrayBuffer, as a WebSocket delivers it
    ingress.frame(copy.buffer, forward);
    if (lateMqtt && turn++ % 2 === 1) handleParsed();
    await Promise.resolve();
  }
  for (let i = 0; i < 20; i++) {
    handleParsed();
    await Promise.resolve();
  }
  return { seen, forwarded, ingress };
}

/** The stream parsed by mqtt-packet alone: what mqtt.js would have emitted, in order. */
function expected(stream: Uint8Array, protocolVersion = 4): Omit<Seen, 'via'>[] {
  const parser = mqttPacket.parser({ protocolVersion });
  const out: Omit<Seen, 'via'>[] = [];
  parser.on('packet', (p) => {
    const s: Omit<Seen, 'via'> = { cmd: p.cmd };
    if (p.cmd === 'publish') Object.assign(s, { topic: p.topic, payload: digest(p.payload as Buffer), retain: p.retain, qos: p.qos });
    out.push(s);
  });
  parser.parse(Buffer.from(stream));
  return out;
}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const strip = (s: Seen[]) => s.map(({ via: _via, ...rest }) => rest);
const cut = (stream: Uint8Array, at: number[]) => {
  const points = [0, ...at, stream.length];
  return points.slice(1).map((end, i) => stream.subarray(points[i], end));
};

describe('FastIngress', () => {
  const mixed = (v: number) =>
    concat([
      bytesOf(connack(v), v),
      bytesOf(pub('a/b', '{"v":1}'), v),
      bytesOf(suback, v),
      bytesOf(pub('retained/x', 'r', { retain: true }), v),
      bytesOf(pub('q1', 'one', { qos: 1, messageId: 3 }), v),
      bytesOf(pub('empty', ''), v),
      bytesOf(pingresp, v),
      bytesOf(pub('ü/€/😀', 'x'), v),
    ]);

  it('reads whole QoS 0 publishes itself and gives mqtt.js everything else, in order (one frame)', async () => {
    for (const v of [4, 5]) {
      const stream = mixed(v);
      const { seen } = await run([stream], v);
      expect(strip(seen)).toEqual(expected(stream, v));
      expect(seen.map((s) => `${s.via}:${s.cmd}:${s.topic ?? ''}`)).toEqual([
        'mqtt:connack:',
        'fast:publish:a/b',
        'mqtt:suback:',
        'fast:publish:retained/x',
        'mqtt:publish:q1',
        'fast:publish:empty',
        'mqtt:pingresp:',
        'fast:publish:ü/€/😀',
      ]);
    }
  });

  it('keeps the order with packets split across two frames at every byte', async () => {
    for (const v of [4, 5]) {
      const stream = mixed(v);
      const want = expected(stream, v);
      for (let at = 1; at < stream.length; at++) {
        const { seen } = await run(cut(stream, [at]), v);
        expect(strip(seen), `v${v} cut at ${at}`).toEqual(want);
      }
    }
  });

  it('keeps the order with three frames at every pair of cuts, mqtt.js handling its packets later', async () => {
    const stream = concat([bytesOf(suback), bytesOf(pub('t/1', 'ab', { retain: true })), bytesOf(pub('t/2', 'cd', { qos: 2, messageId: 9 })), bytesOf(pub('t/3', 'ef'))]);
    const want = expected(stream);
    for (let a = 1; a < stream.length - 1; a++) {
      for (let b = a + 1; b < stream.length; b++) {
        const { seen } = await run(cut(stream, [a, b]), 4, true);
        expect(strip(seen), `cuts ${a}, ${b}`).toEqual(want);
      }
    }
  });

  it('a retained message right after a SUBACK waits until mqtt.js has handled the SUBACK', async () => {
    const order: string[] = [];
    const ingress = new FastIngress({ protocolVersion: 4, message: (topic) => order.push(topic) });
    const frame = concat([bytesOf(suback), bytesOf(pub('kept', 'v', { retain: true })), bytesOf(pub('kept2', 'w', { retain: true }))]);
    ingress.frame(frame.slice().buffer, () => order.push('forwarded'));
    expect(order).toEqual(['forwarded']); // mqtt.js has not handled the SUBACK yet
    expect(ingress.pending).toBe(1);
    ingress.handled();
    order.push('suback handled');
    await Promise.resolve();
    expect(order).toEqual(['forwarded', 'suback handled', 'kept', 'kept2']);
  });

  it('data for mqtt.js does not overtake messages still waiting', async () => {
    const order: string[] = [];
    const ingress = new FastIngress({ protocolVersion: 4, message: (topic) => order.push(topic) });
    const fwd = (data: ArrayBuffer) => order.push(`mqtt ${expected(new Uint8Array(data)).map((p) => p.topic ?? p.cmd).join(',')}`);
    ingress.frame(concat([bytesOf(suback), bytesOf(pub('a', '1'))]).slice().buffer, fwd);
    ingress.frame(concat([bytesOf(pub('b', '2')), bytesOf(pub('c', '3', { qos: 1, messageId: 1 })), bytesOf(pub('d', '4'))]).slice().buffer, fwd);
    expect(order).toEqual(['mqtt suback']);
    ingress.handled(); // the SUBACK
    await Promise.resolve();
    expect(order).toEqual(['mqtt suback', 'a', 'b', 'mqtt c']);
    ingress.handled(); // c
    await Promise.resolve();
    expect(order).toEqual(['mqtt suback', 'a', 'b', 'mqtt c', 'd']);
  });

  it('QoS 1 and 2, DUP, MQTT 5 properties and topic aliases go to mqtt.js', async () => {
    const v5 = concat([
      bytesOf(pub('p', 'x', { properties: { contentType: 'text/plain' } }), 5),
      bytesOf(pub('u', 'x', { properties: { userProperties: { a: 'b' } } }), 5),
      bytesOf(pub('alias', 'x', { properties: { topicAlias: 1 } }), 5),
      bytesOf(pub('q2', 'x', { qos: 2, messageId: 5 }), 5),
      bytesOf(pub('q1dup', 'x', { qos: 1, messageId: 6, dup: true }), 5),
      bytesOf(pub('plain', 'x'), 5),
    ]);
    const { seen } = await run([v5], 5);
    expect(strip(seen)).toEqual(expected(v5, 5));
    expect(seen.map((s) => s.via)).toEqual(['mqtt', 'mqtt', 'mqtt', 'mqtt', 'mqtt', 'fast']);
    // DUP set on QoS 0 (a protocol error): mqtt.js decides.
    const dup = bytesOf(pub('d', 'x'));
    dup[0] |= 0x08;
    expect((await run([dup])).seen.map((s) => s.via)).toEqual(['mqtt']);
  });

  it('remaining lengths at the varint edges, zero-length and huge payloads', async () => {
    // Topic "t" (3 bytes with its length): payload sizes giving remaining lengths at each edge.
    for (const remaining of [3, 127, 128, 16383, 16384, 2097151, 2097152]) {
      const payload = new Uint8Array(remaining - 3).map((_, i) => i & 0xff);
      const packet = bytesOf(pub('t', payload));
      const { seen } = await run([packet]);
      expect(seen.length).toBe(1);
      expect(seen[0].via).toBe('fast');
      expect(seen[0].payload).toBe(digest(payload));
      // The same packet cut right after its length bytes, and one byte before its end.
      const header = remaining < 128 ? 2 : remaining < 16384 ? 3 : remaining < 2097152 ? 4 : 5;
      for (const at of [1, header, packet.length - 1]) {
        const { seen: split } = await run(cut(concat([packet, bytesOf(pub('after', 'z'))]), [at]));
        expect(split.map((s) => `${s.via}:${s.topic}:${lengthOf(s.payload)}`)).toEqual([`mqtt:t:${remaining - 3}`, 'fast:after:1']);
      }
    }
    const huge = new Uint8Array(8 * 1024 * 1024 + 17).fill(0x61);
    const { seen } = await run([bytesOf(pub('big', huge), 5)], 5);
    expect(seen.map((s) => `${s.via}:${s.payload}`)).toEqual([`fast:${digest(huge)}`]);
  });

  it('payloads are views of the frame, never copies, and the topic is decoded as mqtt-packet does', async () => {
    const frame = concat([bytesOf(pub('a', 'xyz')), bytesOf(pub('\uFEFFbom', 'q'))]).slice();
    const got: [string, Uint8Array][] = [];
    new FastIngress({ protocolVersion: 4, message: (t, p) => got.push([t, p]) }).frame(frame.buffer, () => {});
    expect(got.map(([t]) => t)).toEqual(['a', '\uFEFFbom']);
    expect(got[0][1].buffer).toBe(frame.buffer);
    expect(new TextDecoder().decode(got[0][1])).toBe('xyz');
  });

  it('a topic that is not valid UTF-8, empty, or longer than its packet goes to mqtt.js', async () => {
    const bad = bytesOf(pub('abc', 'x'));
    bad[4] = 0xff; // "a\xffc"
    const { seen, forwarded } = await run([concat([bad, bytesOf(pub('ok', 'y'))])]);
    expect(seen.map((s) => s.via)).toEqual(['mqtt', 'fast']);
    expect(seen[0].topic).toBe(expected(bad)[0].topic); // decoded by mqtt-packet as before (U+FFFD)
    expect(forwarded.map((f) => [...f])).toEqual([[...bad]]);
    // Empty topic (MQTT 5 needs an alias for it): mqtt.js decides.
    const empty = new Uint8Array([0x30, 0x03, 0x00, 0x00, 0x41]);
    expect((await run([empty])).forwarded.length).toBe(1);
    // A topic length beyond the packet: mqtt-packet refuses it; so is it forwarded, not read.
    const overlong = new Uint8Array([0x30, 0x03, 0x00, 0x09, 0x41]);
    const ingress = new FastIngress({ protocolVersion: 4, message: () => expect.unreachable() });
    const out: ArrayBuffer[] = [];
    ingress.frame(overlong.slice().buffer, (d) => out.push(d));
    expect(out.length).toBe(1);
  });

  it('MQTT 5 Maximum Packet Size: larger packets go to mqtt.js', async () => {
    const stream = concat([bytesOf(pub('small', 'x'), 5), bytesOf(pub('large', 'x'.repeat(100)), 5)]);
    const { seen } = await run([stream], 5, false, 50);
    expect(seen.map((s) => `${s.via}:${s.topic}`)).toEqual(['fast:small', 'mqtt:large']);
  });

  it('a fifth remaining-length byte or a frame that is not an ArrayBuffer: everything to mqtt.js from then on', async () => {
    const out: unknown[] = [];
    const msgs: string[] = [];
    const ingress = new FastIngress({ protocolVersion: 4, message: (t) => msgs.push(t) });
    const bad = new Uint8Array([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]);
    ingress.frame(concat([bytesOf(pub('first', '1')), bad]).slice().buffer, (d) => out.push(d));
    ingress.frame(bytesOf(pub('later', '2')).slice().buffer, (d) => out.push(d));
    expect(msgs).toEqual(['first']);
    expect(out.map((d) => [...new Uint8Array(d as ArrayBuffer)])).toEqual([[...bad], [...bytesOf(pub('later', '2'))]]);

    const text: unknown[] = [];
    const i2 = new FastIngress({ protocolVersion: 4, message: () => expect.unreachable() });
    i2.frame('not binary', (d) => text.push(d));
    i2.frame(bytesOf(pub('x', 'y')).slice().buffer, (d) => text.push(d));
    expect(text.length).toBe(2);
    expect(text[0]).toBe('not binary');
  });

  it('a header split after a fifth length byte is not framed further', async () => {
    const out: ArrayBuffer[] = [];
    const ingress = new FastIngress({ protocolVersion: 4, message: () => expect.unreachable() });
    ingress.frame(new Uint8Array([0x30, 0xff, 0xff]).buffer, (d) => out.push(d));
    ingress.frame(new Uint8Array([0xff, 0xff, 0x01, 0x00]).buffer, (d) => out.push(d));
    ingress.frame(bytesOf(pub('x', 'y')).slice().buffer, (d) => out.push(d));
    expect(out.length).toBe(3);
  });

  it('random streams in random frames, mqtt.js late or at once, match mqtt-packet', async () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 60; round++) {
      const v = rnd(2) ? 5 : 4;
      const parts: Uint8Array[] = [];
      for (let k = 0; k < 1 + rnd(12); k++) {
        const kind = rnd(8);
        const payload = new Uint8Array(rnd(3) === 0 ? rnd(40_000) : rnd(60)).map(() => rnd(256));
        if (kind === 0) parts.push(bytesOf(suback, v));
        else if (kind === 1) parts.push(bytesOf(pingresp, v));
        else if (kind === 2) parts.push(bytesOf(pub(`q/${k}`, payload, { qos: 1, messageId: k + 1 }), v));
        else if (kind === 3 && v === 5) parts.push(bytesOf(pub(`p/${k}`, payload, { properties: { payloadFormatIndicator: true } }), v));
        else parts.push(bytesOf(pub(`t/${k}/ß`, payload, { retain: rnd(2) === 1 }), v));
      }
      const stream = concat(parts);
      const cuts = [...new Set(Array.from({ length: rnd(6) }, () => 1 + rnd(stream.length - 1)))].sort((a, b) => a - b);
      const { seen } = await run(cut(stream, cuts), v, rnd(2) === 1);
      expect(strip(seen), `round ${round}`).toEqual(expected(stream, v));
    }
  });
});

describe('decodeTopic', () => {
  it('decodes ASCII, multi-byte UTF-8 and a leading BOM as mqtt-packet does; null for invalid UTF-8', () => {
    for (const t of ['a/b', 'x'.repeat(300), 'ü/€/😀', '\uFEFFx', '\u0000nul']) {
      const b = new TextEncoder().encode(t);
      expect(decodeTopic(b, 0, b.length)).toBe(Buffer.from(b).toString('utf8'));
    }
    for (const bad of [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82]]) expect(decodeTopic(new Uint8Array(bad), 0, bad.length)).toBeNull();
  });
});

describe('interceptMessages', () => {
  it("feeds the one 'message' listener through the ingress; other listeners and events are untouched", async () => {
    const socket = new EventTarget() as EventTarget & WebSocket;
    const msgs: string[] = [];
    const ingress = new FastIngress({ protocolVersion: 4, message: (t) => msgs.push(t) });
    interceptMessages(socket, ingress);
    const got: unknown[] = [];
    const opened: string[] = [];
    const listener = (ev: { data: unknown }) => got.push(ev);
    socket.addEventListener('message', listener as never);
    socket.addEventListener('open', () => opened.push('open'));
    const raw: unknown[] = [];
    socket.addEventListener('message', ((ev: MessageEvent) => raw.push(ev.data)) as never);

    const onlySuback = new MessageEvent('message', { data: bytesOf(suback).slice().buffer });
    socket.dispatchEvent(onlySuback);
    expect(got).toEqual([onlySuback]); // a frame mqtt.js gets whole is the same event
    socket.dispatchEvent(new MessageEvent('message', { data: concat([bytesOf(pub('m', '1')), bytesOf(pingresp)]).slice().buffer }));
    expect(msgs).toEqual([]); // waits for mqtt.js to handle the SUBACK, and so does the PINGRESP behind it
    expect(got.length).toBe(1);
    ingress.handled();
    await Promise.resolve();
    expect(msgs).toEqual(['m']);
    expect((got[1] as { data: ArrayBuffer }).data).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array((got[1] as { data: ArrayBuffer }).data)]).toEqual([...bytesOf(pingresp)]);
    expect(raw.length).toBe(2);
    socket.dispatchEvent(new Event('open'));
    expect(opened).toEqual(['open']);

    socket.removeEventListener('message', listener as never);
    socket.dispatchEvent(new MessageEvent('message', { data: bytesOf(suback).slice().buffer }));
    expect(got.length).toBe(2);
  });
});
