/**
 * Which broker this is, as it says itself on $SYS/broker/version (Mosquitto: "mosquitto version
 * 2.0.11", retained; the embedded broker: "aedes 1.2.0 (Switchyard embedded broker)"). Dynamic
 * security is a Mosquitto plugin: a broker that names itself otherwise will not answer on
 * $CONTROL/dynamic-security/v1, and the Access control view says so at once instead of waiting.
 */
import { useTrie } from '../../hooks/use-trie';
import { useMemo } from 'react';

export const VERSION_TOPIC = '$SYS/broker/version';

const decoder = new TextDecoder();

/** The broker's name for itself when that is not Mosquitto; undefined when unknown or Mosquitto. */
export function foreignBrokerName(version: string | undefined): string | undefined {
  if (version === undefined) return undefined;
  // eslint-disable-next-line no-control-regex -- replacing the broker's control characters is the point
  const v = version.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (!v || /mosquitto/i.test(v)) return undefined;
  return v.length > 80 ? `${v.slice(0, 79)}…` : v;
}

/** The last $SYS/broker/version payload seen on this connection (subscribe it to get one). */
export function useBrokerVersion(): string | undefined {
  const last = useTrie((trie) => trie.get(VERSION_TOPIC)?.last);
  return useMemo(() => (last ? decoder.decode(last.payload) : undefined), [last]);
}
