/**
 * An id for something the user creates and the app persists (a profile, a dashboard, a widget, a
 * chart and its series, a publish history entry, template or queued publish): `<prefix>-<time in
 * base 36>-<up to 5 random base-36 characters>`, e.g. `dash-mi8x2k3p-4f9qz`. Unique enough within
 * one browser's storage; not a secret, and not an MQTT client ID (see mqtt/fresh-client-id.ts).
 */
export function newId(prefix: string, now: number = Date.now(), random: () => number = Math.random): string {
  return `${prefix}-${now.toString(36)}-${random().toString(36).slice(2, 7)}`;
}
