/**
 * Replaying a recording to a broker (issue 12), the pure parts: when each message is due, what
 * topic, QoS and retain flag it is sent with. Which messages (a time range, a topic filter) and
 * their counts: core/replay-selection.ts. The I/O is in features/recordings/replay-recording.ts.
 *
 * Timing: a message is due at `(its recorded time − the first message's time) ÷ speed` after the
 * replay started, measured from that fixed start, never as a sum of sleeps, so timer error does
 * not add up over a long replay. A message recorded earlier than the one before it (receive
 * times are not always in order) is due at once. With a selection (a time range, a topic filter)
 * "the first message" is the first selected one.
 */
import type { RecordedMessage } from './recording-format';
import type { ReplaySelection } from './replay-selection';
import { validatePublishTopic } from './topic-filter';

/** 1×, 10×, 100× the recorded timing, or as fast as the window allows ('max'). */
export type ReplaySpeed = 1 | 10 | 100 | 'max';
export const REPLAY_SPEEDS: readonly { value: ReplaySpeed; label: string }[] = [
  { value: 1, label: '1×' },
  { value: 10, label: '10×' },
  { value: 100, label: '100×' },
  { value: 'max', label: 'As fast as possible' },
];

export type QosChoice = 'recorded' | 0 | 1 | 2;
export type RetainChoice = 'recorded' | 'off';

export interface ReplaySettings {
  speed: ReplaySpeed;
  /** Added in front of every recorded topic ('' keeps them). */
  prefix: string;
  qos: QosChoice;
  retain: RetainChoice;
  /** Only these messages (a time range and a topic filter, core/replay-selection.ts); absent: all. */
  selection?: ReplaySelection;
}

/** Milliseconds after the replay's start at which a message recorded at `time` is due. */
export function dueOffset(time: number, firstTime: number, speed: ReplaySpeed): number {
  if (speed === 'max') return 0;
  const d = (time - firstTime) / speed;
  return Number.isFinite(d) && d > 0 ? d : 0;
}

/** The topic a recorded message is replayed to. */
export const replayTopic = (prefix: string, topic: string): string => prefix + topic;

export const replayQos = (recorded: 0 | 1 | 2, choice: QosChoice): 0 | 1 | 2 => (choice === 'recorded' ? recorded : choice);
export const replayRetain = (recorded: boolean, choice: RetainChoice): boolean => choice === 'recorded' && recorded;

/**
 * Why a prefix cannot be used, or null. It must leave every resulting topic a valid publish
 * topic: no wildcards, no NUL, and not starting with `$` (those topics belong to the broker).
 */
export function validatePrefix(prefix: string): string | null {
  if (prefix === '') return null;
  if (prefix.includes('+') || prefix.includes('#')) return 'A prefix must not contain the wildcards + or #: the topics would not be publishable.';
  if (prefix.startsWith('$')) return 'Topics starting with $ are reserved for the broker: choose a prefix without the $.';
  const e = validatePublishTopic(prefix);
  return e ? `${e} (in the prefix).` : null;
}

/** Why one message cannot be published to `topic`, or null. */
export function topicRefusal(topic: string): string | null {
  if (topic.startsWith('$')) return `${topic}: topics starting with $ are reserved for the broker`;
  const e = validatePublishTopic(topic);
  return e ? `${topic}: ${e}` : null;
}

/** The publish a recorded message becomes under the settings (payload bytes and MQTT 5 properties as recorded). */
export function replayPublish(m: RecordedMessage, s: Pick<ReplaySettings, 'prefix' | 'qos' | 'retain'>) {
  return {
    topic: replayTopic(s.prefix, m.topic),
    payload: m.payload,
    qos: replayQos(m.qos, s.qos),
    retain: replayRetain(m.retain, s.retain),
    ...(m.properties ? { properties: m.properties } : {}),
  };
}
