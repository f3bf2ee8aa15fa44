/**
 * Broker statistics from $SYS topics, in the layout Mosquitto uses (which the
 * embedded broker copies). Pure: give it a lookup of the last payload text per topic.
 */
export interface StatDef {
  label: string;
  topic: string;
  format: (text: string) => string;
}

const count = (text: string) => {
  const n = Number(text.trim());
  return Number.isFinite(n) ? new Intl.NumberFormat().format(n) : text;
};

/** "93784 seconds" → "1 d 2 h 3 min 4 s" (text as is when it is not a number of seconds). */
export function formatUptime(text: string): string {
  const m = /^\s*(\d+)(\s*seconds?)?\s*$/.exec(text);
  if (!m) return text;
  let s = Number(m[1]);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['min', 60],
  ] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)} ${unit}`);
      s %= size;
    }
  }
  if (s > 0 || parts.length === 0) parts.push(`${s} s`);
  return parts.join(' ');
}

export const SYS_FILTER = '$SYS/broker/#';

export const BROKER_STATS: StatDef[] = [
  { label: 'Version', topic: '$SYS/broker/version', format: (t) => t },
  { label: 'Uptime', topic: '$SYS/broker/uptime', format: formatUptime },
  { label: 'Clients connected', topic: '$SYS/broker/clients/connected', format: count },
  { label: 'Messages received', topic: '$SYS/broker/messages/received', format: count },
  { label: 'Messages sent', topic: '$SYS/broker/messages/sent', format: count },
  { label: 'Subscriptions', topic: '$SYS/broker/subscriptions/count', format: count },
  { label: 'Retained messages', topic: '$SYS/broker/retained messages/count', format: count },
];

/** Per-minute averages the broker publishes, for the rate chart. */
export const RATE_TOPICS = {
  received: '$SYS/broker/load/messages/received/1min',
  sent: '$SYS/broker/load/messages/sent/1min',
};

export interface StatValue {
  label: string;
  topic: string;
  value: string | undefined;
}

export function readStats(lastText: (topic: string) => string | undefined): StatValue[] {
  return BROKER_STATS.map((d) => {
    const raw = lastText(d.topic);
    return { label: d.label, topic: d.topic, value: raw === undefined ? undefined : d.format(raw) };
  });
}
