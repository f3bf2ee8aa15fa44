/**
 * Feeds the Sparkplug view's model (core/sparkplug-model.ts) from every batch, whether or not
 * the view is open: what the MQTT worker decoded (`decoded.sparkplug`) and host applications'
 * STATE messages. Tiny, because it is on the first load: the model's code loads only when the
 * first Sparkplug message arrives (or the view opens); the messages of the batches meanwhile are
 * kept (their decodings are dropped from the messages once the batch is handed out, so the
 * decoded values are kept, not the messages). app/live.ts calls it per batch.
 */
import type { MqttMessage } from '../core/message';
import type { SparkplugItem, SparkplugModel } from '../core/sparkplug-model';

/** Messages kept while the model's code loads (a few ms; a flood may bring many). */
const MAX_PENDING = 50_000;

let loading: Promise<typeof import('../features/sparkplug/entry')> | undefined;

/** The Sparkplug view's code and model, loaded once (again after a failed load). */
export function loadSparkplug(): Promise<typeof import('../features/sparkplug/entry')> {
  loading ??= import('../features/sparkplug/entry').catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

const isStateTopic = (topic: string) => topic.startsWith('spBv1.0/STATE/') || topic.startsWith('STATE/');

export class SparkplugFeed {
  private model: SparkplugModel | undefined;
  private pending: SparkplugItem[] | null = null;
  private readonly text = new TextDecoder();

  constructor(private readonly load: () => Promise<{ sparkplugModel: SparkplugModel }> = loadSparkplug) {}

  /** One applied batch (session.onBatch), before the decodings of superseded messages are dropped. */
  onBatch(messages: readonly MqttMessage[]): void {
    let items: SparkplugItem[] | undefined;
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      const info = m.decoded?.sparkplug;
      if (info) (items ??= []).push({ topic: m.topic, time: m.time, info });
      else if (isStateTopic(m.topic) && m.payload.length <= 1000) (items ??= []).push({ topic: m.topic, time: m.time, text: this.text.decode(m.payload) });
    }
    if (!items) return;
    if (this.model) {
      this.model.ingest(items);
      return;
    }
    if (!this.pending) {
      this.pending = [];
      this.load().then(
        ({ sparkplugModel }) => {
          this.model = sparkplugModel;
          const pending = this.pending ?? [];
          this.pending = null;
          sparkplugModel.ingest(pending);
        },
        () => {
          this.pending = null; // the view says why it did not load; the next batch tries again
        },
      );
    }
    for (const item of items) if (this.pending.length < MAX_PENDING) this.pending.push(item);
  }

  /** The session's topics were cleared (another broker): forget the edge nodes. */
  onTrieChanged(topicCount: number): void {
    if (topicCount === 0) {
      this.model?.clear();
      this.pending = this.pending && [];
    }
  }
}
