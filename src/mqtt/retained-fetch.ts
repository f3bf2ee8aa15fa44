/**
 * Reads retained messages back from the broker in full, for the few topics whose payload
 * the app kept only in part (the worker keeps at most PAYLOAD_KEEP_LIMIT bytes per message).
 * Deleting or exporting such a topic must snapshot every byte the broker held, so before
 * that a second, short-lived client (same URL and credentials, its own client ID, clean
 * session) subscribes to exactly those topics, collects the retained messages the broker
 * replays, and disconnects. Runs in the worker; the main connection is not touched.
 */
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { matchesFilter } from '../core/topic-filter';
import { toMessageProperties } from './packet-properties';
import type { ConnectRequest, FetchedRetained, ResultEvent, WorkerCommand } from './protocol';

type FetchCommand = Extract<WorkerCommand, { type: 'fetch-retained' }>;

/** After the SUBACK (or the last message), this long without news means nothing more is coming. */
const QUIET_MS = 3000;
/**
 * The same for a snapshot under filters (`cmd.filters`), where no count tells when all came:
 * brokers replay retained messages right after the SUBACK, one after another.
 */
const FILTERS_QUIET_MS = 1500;
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Collects the retained messages of `topics` (with `cmd.filters`: every retained message under
 * those filters) over a separate connection; answers `cmd` exactly once. Only messages the
 * broker sends with the retain flag count (its replay on subscribing), not live traffic.
 */
export function fetchRetained(
  cmd: FetchCommand,
  request: ConnectRequest | null,
  post: (ev: ResultEvent, transfer: Transferable[]) => void,
): void {
  if (!request) {
    post({ type: 'result', id: cmd.id, ok: false, error: 'Not connected.' }, []);
    return;
  }
  const wanted = new Set(cmd.topics);
  const underFilters = cmd.filters === true;
  const matches = underFilters ? (topic: string) => cmd.topics.some((f) => matchesFilter(f, topic)) : (topic: string) => wanted.has(topic);
  const got = new Map<string, FetchedRetained>();
  let client: MqttClient | null = null;
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let answered = false;

  const finish = (error?: string) => {
    if (answered) return;
    answered = true;
    clearTimeout(overall);
    if (quiet !== undefined) clearTimeout(quiet);
    if (client) {
      client.removeAllListeners();
      client.on('error', () => {});
      client.end(true);
    }
    if (error) {
      post({ type: 'result', id: cmd.id, ok: false, error }, []);
      return;
    }
    const retained = [...got.values()];
    post({ type: 'result', id: cmd.id, ok: true, retained }, retained.map((m) => m.payload.buffer as ArrayBuffer));
  };
  const timeoutMs = cmd.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const overall = setTimeout(
    () =>
      finish(
        underFilters
          ? `The broker was still sending retained messages after ${Math.round(timeoutMs / 1000)} s (${got.size} so far).`
          : got.size
            ? undefined
            : `The broker did not answer within ${Math.round(timeoutMs / 1000)} s.`,
      ),
    timeoutMs,
  );
  const settleSoon = () => {
    if (quiet !== undefined) clearTimeout(quiet);
    quiet = setTimeout(() => finish(), underFilters ? FILTERS_QUIET_MS : QUIET_MS);
  };
  if (wanted.size === 0) {
    finish();
    return;
  }

  const c = mqtt.connect(request.url, {
    clientId: `sy-fetch-${Math.random().toString(36).slice(2, 12)}`,
    username: request.username || undefined,
    password: request.password || undefined,
    protocolVersion: request.protocolVersion,
    clean: true,
    keepalive: 30,
    reconnectPeriod: 0,
    connectTimeout: Math.min(10_000, timeoutMs),
    resubscribe: false,
    writeCache: false, // as worker-host.ts: no 65,536-buffer number cache
  });
  client = c;
  c.on('message', (topic, payload, packet) => {
    if (!packet.retain || !matches(topic)) return;
    // A copy of exactly these bytes (mqtt.js may hand a view into a larger buffer).
    const m: FetchedRetained = { topic, payload: new Uint8Array(payload), qos: packet.qos };
    const props = toMessageProperties(packet.properties);
    if (props) m.properties = props;
    got.set(topic, m);
    if (!underFilters && got.size === wanted.size) finish();
    else settleSoon();
  });
  c.on('connect', () => {
    c.subscribe([...wanted], { qos: 2 }, (err, granted) => {
      if (answered) return;
      if (err && !granted) return finish(`Could not subscribe to read them back: ${err.message}`);
      const refused = (granted ?? []).filter((g) => g.qos >= 128);
      if (refused.length === wanted.size) return finish('The broker refused the subscription needed to read them back.');
      settleSoon();
    });
  });
  c.on('error', (err) => finish(`Could not open a second connection to read them back: ${err.message || String(err)}`));
  c.on('close', () => finish(got.size && !underFilters ? undefined : 'The second connection used to read them back closed.'));
}
