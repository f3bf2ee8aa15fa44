// The History of a decoded topic (issue 13): entries previewed and diffed by their decoded value.
import { describe, expect, it } from 'vitest';
import { encode } from '@msgpack/msgpack';
import { makeMessage } from '../../core/test-fixtures';
import { TopicTrie } from '../../core/topic-trie';
import { diffPayloads } from '../../core/message-diff';
import type { DecodedPayload, SparkplugMetric } from '../../core/decoded';
import { storedDecodings } from '../../mqtt/decoders/stored-decodings';
import { diffBytes, entryDecoded, entryPreview, historyDecoding } from './history-decoded';

const sp = (metrics: SparkplugMetric[]): DecodedPayload => ({
  format: 'sparkplug',
  sparkplug: { messageType: 'DDATA', group: 'g', edgeNode: 'e', device: 'd', metrics, notes: [] },
});

const nextChange = () =>
  new Promise<void>((resolve) => {
    const off = storedDecodings.subscribe(() => {
      off();
      resolve();
    });
  });

describe('History entries of a decoded topic', () => {
  it('are previewed decoded — also the ones whose decoding was not kept, decoded here once — and the bytes otherwise', async () => {
    const trie = new TopicTrie();
    const old = makeMessage('dev/mp', encode({ t: 20 }), { time: 1 }); // its decoding was dropped (decoded-retention.ts)
    const last = makeMessage('dev/mp', encode({ t: 21 }), { time: 2, decoded: { format: 'msgpack', value: { t: 21 } } });
    trie.apply([old, last]);
    const rules = [{ filter: 'dev/mp', choice: 'msgpack' as const }];
    const h = historyDecoding(trie, trie.get('dev/mp')!, rules);
    expect(entryPreview(last, h, 60)).toBe('{"t":21}');
    expect(entryPreview(old, h, 60)).toMatch(/^0x81a174/); // while it decodes
    while (entryDecoded(old, h) === undefined) await nextChange();
    expect(entryPreview(old, h, 60)).toBe('{"t":20}');
    // Hex chosen for the topic: the bytes.
    expect(entryPreview(last, historyDecoding(trie, trie.get('dev/mp')!, [{ filter: 'dev/mp', choice: 'hex' }]), 60)).toMatch(/^0x81a174/);
    // A plain topic: as before.
    const plain = makeMessage('home/t', '21.5');
    expect(entryPreview(plain, historyDecoding(trie, trie.get('dev/mp')!, []), 60)).toBe('21.5');
  });

  it('a Sparkplug B History finds the topic’s BIRTH, whose aliases name the entries’ metrics', () => {
    const trie = new TopicTrie();
    const birth = makeMessage('spBv1.0/g/DBIRTH/e/d', 'b');
    const decoded = { format: 'sparkplug' as const, sparkplug: { messageType: 'DDATA', group: 'g', edgeNode: 'e', device: 'd', metrics: [], notes: [] } };
    trie.apply([birth, makeMessage('spBv1.0/g/DDATA/e/d', 'x', { decoded })]);
    expect(historyDecoding(trie, trie.get('spBv1.0/g/DDATA/e/d')!, [])).toEqual({ want: { format: 'sparkplug', chosen: false }, birth });
    // Messages the worker did not decode (an open recording's): the bytes, as the Message panel shows them.
    const recorded = new TopicTrie();
    recorded.apply([makeMessage('spBv1.0/g/DDATA/e/d', 'x')]);
    expect(historyDecoding(recorded, recorded.get('spBv1.0/g/DDATA/e/d')!, [])).toEqual({});
  });

  it('are diffed by metric name / field rather than as bytes', () => {
    const a = makeMessage('t', new Uint8Array([1, 2, 3]));
    const b = makeMessage('t', new Uint8Array([1, 2, 4]));
    expect(diffPayloads(a.payload, b.payload).kind).toBe('binary');
    const da = sp([{ name: 'Temperature', alias: 1, type: 'Float', value: 20 }, { name: 'Burner On', type: 'Boolean', value: false }]);
    const db = sp([{ name: 'Temperature', alias: 1, type: 'Float', value: 21.5 }]);
    expect(diffPayloads(diffBytes(a, da), diffBytes(b, db))).toEqual({
      kind: 'json',
      changes: [
        { path: 'Temperature', type: 'changed', before: '20', after: '21.5' },
        { path: 'Burner On', type: 'removed', before: 'false' },
      ],
    });
    const ma = { format: 'msgpack' as const, value: { t: 1, ok: true } };
    expect(diffPayloads(diffBytes(a, ma), diffBytes(b, { format: 'msgpack', value: { t: 2, ok: true } }))).toEqual({
      kind: 'json',
      changes: [{ path: 't', type: 'changed', before: '1', after: '2' }],
    });
    expect(diffBytes(a, undefined)).toBe(a.payload);
    // A Float as sent, not as its 32-bit value's long decimal.
    const fa = sp([{ name: 'T', type: 'Float', value: Math.fround(21.3) }]);
    const fb = sp([{ name: 'T', type: 'Float', value: 21.5 }]);
    expect(diffPayloads(diffBytes(a, fa), diffBytes(b, fb))).toEqual({ kind: 'json', changes: [{ path: 'T', type: 'changed', before: '21.3', after: '21.5' }] });
  });
});
