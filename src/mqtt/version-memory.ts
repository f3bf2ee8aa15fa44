/**
 * Remembers, per broker URL, that the broker refused MQTT 5 and the connection fell back to
 * 3.1.1 (version-fallback.ts), so the next connect to it (a reload, the next visit) asks for
 * 3.1.1 straight away instead of spending a refused connection first (docs/performance.md,
 * "First load"). The status then carries the same note as after the fallback.
 *
 * A memory is kept for a day: after that the profile's MQTT 5 is tried again (a broker that was
 * upgraded gets MQTT 5 back), and a new refusal remembers it again. A connection on MQTT 5 to a
 * URL forgets it at once. Lives on the main thread (the worker has no localStorage); anything
 * unreadable in storage counts as "nothing remembered".
 */
const KEY = 'switchyard.mqtt311-brokers';
/** How long a refusal of MQTT 5 is trusted. */
export const VERSION_MEMORY_MS = 24 * 60 * 60 * 1000;
/** Broker URLs remembered at most; the oldest go first. */
const MAX_BROKERS = 50;

type Memory = Record<string, { note: string; at: number }>;

function read(): Memory {
  const out: Memory = Object.create(null);
  try {
    const raw = localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return out;
    for (const [url, v] of Object.entries(parsed)) {
      const { note, at } = (v ?? {}) as Record<string, unknown>;
      if (typeof note === 'string' && note.length <= 200 && typeof at === 'number' && Number.isFinite(at)) out[url] = { note, at };
    }
  } catch {
    /* unreadable: nothing remembered */
  }
  return out;
}

function write(memory: Memory): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(memory));
  } catch {
    /* storage full or blocked: the fallback still works, it just is not skipped next time */
  }
}

/** The fallback note when `url` refused MQTT 5 within the last day, else undefined. */
export function rememberedFallback(url: string, now = Date.now()): string | undefined {
  const m = read()[url];
  return m && now - m.at >= 0 && now - m.at < VERSION_MEMORY_MS ? m.note : undefined;
}

/** `url` refused MQTT 5 (the connection is on 3.1.1 after a fallback, with `note`). */
export function rememberFallback(url: string, note: string, now = Date.now()): void {
  const memory = read();
  delete memory[url];
  memory[url] = { note, at: now };
  const urls = Object.keys(memory);
  for (const u of urls.slice(0, Math.max(0, urls.length - MAX_BROKERS))) delete memory[u];
  write(memory);
}

/** `url` accepted MQTT 5: nothing to skip any more. */
export function forgetFallback(url: string): void {
  const memory = read();
  if (!(url in memory)) return;
  delete memory[url];
  write(memory);
}

/**
 * The session's 'connected' status for `profile`: a fallback from the profile's MQTT 5 to 3.1.1
 * is remembered (not when the connect already came from the memory: the day counts from the
 * refusal), a connection on MQTT 5 forgets.
 */
export function connectedWith(
  profile: { url: string; protocolVersion: 4 | 5 },
  status: { protocolVersion?: 4 | 5; note?: string },
  fromMemory: boolean,
  now = Date.now(),
): void {
  if (profile.protocolVersion !== 5) return;
  if (status.protocolVersion === 5) forgetFallback(profile.url);
  else if (status.protocolVersion === 4 && status.note && !fromMemory) rememberFallback(profile.url, status.note, now);
}
