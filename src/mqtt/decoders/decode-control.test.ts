import { describe, expect, it } from 'vitest';
import { DecodeControl, type DecoderLoaders } from './decode-control';
import type { IncomingMessage } from '../batcher';

const msg = (topic: string, text = 'x'): IncomingMessage => ({ topic, payload: new TextEncoder().encode(text), qos: 0, retain: false, time: 0 });

function setup() {
  const out: IncomingMessage[] = [];
  const loads: string[] = [];
  const gates: Record<string, () => void> = {};
  const loader = (name: 'sparkplug' | 'msgpack' | 'cbor', fail = false) => () => {
    loads.push(name);
    return new Promise<(t: string, b: Uint8Array, forced: boolean) => { format: typeof name; value: string }>((resolve, reject) => {
      gates[name] = () => (fail ? reject(new Error('offline')) : resolve((t, _b, forced) => ({ format: name, value: `${name}:${t}:${forced}` })));
    });
  };
  const loaders: DecoderLoaders = { sparkplug: loader('sparkplug'), msgpack: loader('msgpack'), cbor: loader('cbor', true) };
  const control = new DecodeControl((m) => out.push(m), loaders);
  return { control, out, loads, gates };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('DecodeControl', () => {
  it('loads nothing for plain topics and passes them on at once', () => {
    const { control, out, loads } = setup();
    control.add(msg('home/a'));
    expect(loads).toEqual([]);
    expect(out.map((m) => [m.topic, m.decoded])).toEqual([['home/a', undefined]]);
  });

  it('loads Sparkplug on the first spBv1.0 message and keeps later messages in order until it is there', async () => {
    const { control, out, loads, gates } = setup();
    control.add(msg('home/a'));
    control.add(msg('spBv1.0/g/NDATA/e'));
    control.add(msg('home/b'));
    control.add(msg('spBv1.0/g/NDATA/e'));
    expect(loads).toEqual(['sparkplug']);
    expect(out.map((m) => m.topic)).toEqual(['home/a']);
    gates.sparkplug();
    await flush();
    expect(out.map((m) => [m.topic, m.decoded && (m.decoded as { value?: unknown }).value])).toEqual([
      ['home/a', undefined],
      ['spBv1.0/g/NDATA/e', 'sparkplug:spBv1.0/g/NDATA/e:false'],
      ['home/b', undefined],
      ['spBv1.0/g/NDATA/e', 'sparkplug:spBv1.0/g/NDATA/e:false'],
    ]);
  });

  it('decodes by rule (first matching filter), and a decoder that cannot load gives its reason', async () => {
    const { control, out, loads, gates } = setup();
    control.command({ type: 'decode-rules', rules: [{ filter: 'dev/+/mp', format: 'msgpack' }, { filter: 'dev/#', format: 'cbor' }] });
    control.add(msg('dev/1/mp'));
    control.add(msg('dev/1/other'));
    expect(loads).toEqual(['msgpack', 'cbor']);
    gates.msgpack();
    gates.cbor();
    await flush();
    expect(out.map((m) => m.decoded)).toEqual([
      { format: 'msgpack', value: 'msgpack:dev/1/mp:true' },
      { format: 'cbor', error: 'the decoder could not be loaded (offline)' },
    ]);
    // Rules replaced: the topic is plain again.
    control.command({ type: 'decode-rules', rules: [] });
    control.add(msg('dev/1/mp'));
    expect(out.at(-1)?.decoded).toBeUndefined();
  });
});
