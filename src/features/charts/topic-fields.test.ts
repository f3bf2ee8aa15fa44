// The Charts dialog's reading of a topic (issue 13): the Last payload preview and the suggested
// topics follow the worker's decoding of a decoded payload, as the Explorer shows it.
import { afterEach, describe, expect, it } from 'vitest';
import { encode } from '@msgpack/msgpack';
import { makeMessage } from '../../core/test-fixtures';
import { TopicTrie } from '../../core/topic-trie';
import { useDecodeAsStore } from '../../stores/decode-as-store';
import { chartableTopics, topicFieldInfo } from './topic-fields';

afterEach(() => useDecodeAsStore.setState({ rules: [] }));

describe('Charts: a decoded topic', () => {
  it('shows its last payload decoded, not as hex, and is suggested for charting', () => {
    useDecodeAsStore.setState({ rules: [{ filter: 'dev/mp', choice: 'msgpack' }] });
    const trie = new TopicTrie();
    trie.apply([
      makeMessage('dev/mp', encode({ temperature: 21.5 }), { decoded: { format: 'msgpack', value: { temperature: 21.5 } } }),
      makeMessage('spBv1.0/g/DDATA/e/d', new Uint8Array([8, 1]), {
        decoded: { format: 'sparkplug', sparkplug: { messageType: 'DDATA', group: 'g', edgeNode: 'e', device: 'd', metrics: [{ name: 'Pressure', type: 'Double', value: 1.5 }], notes: [] } },
      }),
      makeMessage('bin/raw', new Uint8Array([0x82, 0xa1])),
    ]);
    expect(topicFieldInfo('dev/mp', trie)).toMatchObject({ preview: '{"temperature":21.5}', fields: ['temperature'] });
    expect(topicFieldInfo('spBv1.0/g/DDATA/e/d', trie)).toMatchObject({ preview: 'DDATA · Pressure 1.5', fields: ['Pressure'] });
    expect(topicFieldInfo('bin/raw', trie).preview).toBe('0x82a1');
    expect(chartableTopics(200, 5000, trie)).toEqual(['dev/mp', 'spBv1.0/g/DDATA/e/d']);
    // Hex chosen for the topic: the bytes.
    useDecodeAsStore.setState({ rules: [{ filter: 'dev/mp', choice: 'hex' }] });
    expect(topicFieldInfo('dev/mp', trie).preview).toMatch(/^0x81ab/);
  });
});
