/** Bridges from the live models (session trie, switch runtime) to widget components. */
import { useEffect, useState } from 'react';
import type { MqttMessage } from '../../core/message';
import type { SwitchWidget } from '../../core/dashboard-schema';
import { switchRuntime } from './switch-runtime';
import type { SwitchController } from './switch-controller';
import { useEnsureSubscribed } from '../../hooks/use-ensure-subscribed';
import { useModel } from '../../hooks/use-model';
import { useTrie } from '../../hooks/use-trie';
import { sparkplugBirthTopic, storedDecodings } from '../../mqtt/decoders/stored-decodings';
import { useDecodeAsStore } from '../../stores/decode-as-store';
import { withShownDecoding } from './shown-decoding';

/**
 * The last message on a topic. The snapshot is the message object itself, which
 * the trie replaces only when a message arrives there: one re-render per change.
 */
export function useTopicMessage(topic: string): MqttMessage | undefined {
  useEnsureSubscribed([topic]);
  return useTrie((trie) => (topic ? trie.get(topic)?.last : undefined));
}

/**
 * The last message on a topic, decoded as the Explorer shows it (shown-decoding.ts): a Decode as
 * choice made or undone since it arrived applies at once, not from the topic's next message.
 */
export function useShownTopicMessage(topic: string): MqttMessage | undefined {
  const msg = useTopicMessage(topic);
  const rules = useDecodeAsStore((s) => s.rules);
  const birth = useTrie((trie) => {
    const birthTopic = topic ? sparkplugBirthTopic(topic) : undefined;
    return birthTopic !== undefined ? trie.get(birthTopic)?.last : undefined;
  });
  useModel(storedDecodings); // a decoding made for it is ready
  return msg ? withShownDecoding(msg, rules, () => birth) : undefined;
}

/** A switch widget's controller; the component re-renders when its snapshot changes. */
export function useSwitch(widget: SwitchWidget): SwitchController {
  const controller = switchRuntime.controllerFor(widget);
  useEffect(() => switchRuntime.retain(widget.id, controller), [widget.id, controller]);
  useModel(controller);
  useEnsureSubscribed(controller.topics());
  return controller;
}

/** The current time, refreshed every `ms` (for "updated 5 s ago"). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** "just now", "12 s ago", "3 min ago", "2 h ago". */
export function formatAgo(time: number, now: number): string {
  const s = Math.max(0, Math.round((now - time) / 1000));
  if (s < 2) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}
