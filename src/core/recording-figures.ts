/**
 * The charts and traffic figures of an open recording (time travel), beside its
 * RecordingSource (the tree): `series` for the Charts view (recording-series.ts) and `traffic`
 * for the Traffic view and the Explorer's rates (recording-traffic.ts), both read as of the
 * source's time. `traffic` is built on first use (it reads every message's size once), so
 * opening a recording costs nothing more until those views ask.
 */
import type { Observable } from './emitter';
import type { MqttMessage } from './message';
import type { RecordingIndex } from './recording-index';
import { RecordingSeriesStore, type RecordingSeriesOptions } from './recording-series';
import { RecordingTraffic } from './recording-traffic';

export interface RecordingFiguresOptions {
  /** When the recording started (ms since epoch). */
  start?: number;
  series?: RecordingSeriesOptions;
}

export class RecordingFigures {
  readonly series: RecordingSeriesStore;
  private trafficModel: RecordingTraffic | undefined;

  constructor(
    private readonly index: RecordingIndex,
    private readonly read: (messageIndex: number, topic: string) => MqttMessage,
    /** Every message's payload size by message index (PackedMessages.sizes), asked for on first use of `traffic`. */
    private readonly sizes: () => Uint32Array,
    private readonly options: RecordingFiguresOptions = {},
  ) {
    this.series = new RecordingSeriesStore(index, read, options.series);
  }

  /** The traffic figures (made on first use). Move them with `at(time)` before reading. */
  get traffic(): RecordingTraffic {
    return (this.trafficModel ??= new RecordingTraffic(this.index, this.sizes(), {
      start: this.options.start,
      payload: (i, topic) => this.read(i, topic).payload,
    }));
  }

  /**
   * The Explorer's Show rates on the recording: a row's subtree messages/s over the 10 s ending
   * at the source's time, following its moves (`model`).
   */
  subtreeRates(source: Observable & { readonly time: number }): { model: Observable; rateOf: (node: { topic: string }) => number } {
    return { model: source, rateOf: (node) => this.traffic.at(source.time).subtreeRate(node.topic) };
  }

  /** The recording was closed: stop any reading in progress. */
  dispose(): void {
    this.series.dispose();
  }
}
