import { describe, expect, it } from 'vitest';
import { SparkplugFeed } from './sparkplug-feed';
import { SparkplugModel } from '../core/sparkplug-model';
import type { MqttMessage } from '../core/message';
import type { SparkplugInfo } from '../core/decoded';

const info = (messageType: string, edgeNode: string, device?: string): SparkplugInfo => ({ messageType, group: 'g', edgeNode, device, metrics: [], notes: [] });
const msg = (topic: string, sparkplug?: SparkplugInfo, text = ''): MqttMessage => {
  const payload = new TextEncoder().encode(text);
  return { topic, payload, size: payload.length, qos: 0, retain: false, time: 1, decoded: sparkplug ? { format: 'sparkplug', sparkplug } : undefined };
};

describe('SparkplugFeed', () => {
  it('loads the model with the first Sparkplug message, keeping the decodings that arrive meanwhile in order', async () => {
    const model = new SparkplugModel();
    let loads = 0;
    let release!: () => void;
    const loaded = new Promise<void>((r) => (release = r));
    const feed = new SparkplugFeed(() => {
      loads++;
      return loaded.then(() => ({ sparkplugModel: model }));
    });
    feed.onBatch([msg('plain/topic', undefined, '21.5')]);
    expect(loads).toBe(0); // nothing Sparkplug: nothing loaded
    const first = msg('spBv1.0/g/NBIRTH/n1', info('NBIRTH', 'n1'));
    feed.onBatch([first]);
    // The session drops a superseded message's decoding once the batch is handed out: the feed kept it.
    first.decoded = undefined;
    feed.onBatch([msg('spBv1.0/g/DDATA/n1/d1', info('DDATA', 'n1', 'd1')), msg('spBv1.0/STATE/host1', undefined, 'ONLINE')]);
    expect(loads).toBe(1);
    expect(model.groups.size).toBe(0);
    release();
    await loaded;
    await Promise.resolve();
    expect(model.node('g', 'n1')?.online).toBe(true); // its NBIRTH, kept though the message lost its decoding
    expect([...model.node('g', 'n1')!.devices.keys()]).toEqual(['d1']);
    expect(model.hosts.get('host1')?.online).toBe(true);
    // Loaded: later batches go straight in.
    feed.onBatch([msg('spBv1.0/g/NDEATH/n1', info('NDEATH', 'n1'))]);
    expect(model.node('g', 'n1')?.online).toBe(false);
    expect(loads).toBe(1);
    // The session's topics cleared (another broker): forgotten.
    feed.onTrieChanged(5);
    expect(model.size).toBe(2);
    feed.onTrieChanged(0);
    expect(model.size).toBe(0);
  });

  it('tries again with the next Sparkplug message when the code did not load', async () => {
    let loads = 0;
    const model = new SparkplugModel();
    const feed = new SparkplugFeed(() => (++loads === 1 ? Promise.reject(new Error('offline')) : Promise.resolve({ sparkplugModel: model })));
    feed.onBatch([msg('spBv1.0/g/NBIRTH/a', info('NBIRTH', 'a'))]);
    await new Promise((r) => setTimeout(r, 0));
    feed.onBatch([msg('spBv1.0/g/NBIRTH/b', info('NBIRTH', 'b'))]);
    await new Promise((r) => setTimeout(r, 0));
    expect(loads).toBe(2);
    expect([...model.groups.get('g')!.nodes.keys()]).toEqual(['b']);
  });
});
