import { validateFilter } from '../../core/topic-filter';
import { validatePublishTopic } from '../../core/topic-filter';
import type { Profile } from '../../stores/profiles-store';
import { validateBrokerUrl } from '../../lib/broker-url';

export type ProfileErrors = Partial<Record<'url' | 'keepalive' | 'subscriptions' | 'willTopic' | 'clientId', string>>;

/** Checks a draft profile; returns messages keyed by field (empty when valid). */
export function validateProfile(p: Profile): ProfileErrors {
  const e: ProfileErrors = {};
  const urlError = validateBrokerUrl(p.url);
  if (urlError) e.url = urlError;
  (p.moreUrls ?? []).forEach((u, i) => {
    const bad = validateBrokerUrl(u);
    if (bad && !e.url) e.url = `Line ${i + 2} (“${u.length > 80 ? `${u.slice(0, 80)}…` : u}”): ${bad}`;
  });
  if (!Number.isInteger(p.keepalive) || p.keepalive < 0 || p.keepalive > 65535) {
    e.keepalive = 'Keep alive is a whole number of seconds from 1 to 65535.';
  } else if (p.keepalive === 0) {
    // 0 turns keep-alive off: a broker that hangs or a link that silently drops would go unnoticed.
    e.keepalive = 'Keep alive 0 turns off the check that the broker is still there. Use 1 s or more (30 is usual).';
  }
  if (p.subscriptions.length === 0) e.subscriptions = 'Add at least one topic filter, for example #.';
  for (const f of p.subscriptions) {
    const err = validateFilter(f);
    if (err) {
      e.subscriptions = `"${f}": ${err}`;
      break;
    }
  }
  if (p.willTopic) {
    const err = validatePublishTopic(p.willTopic);
    if (err) e.willTopic = err;
  }
  if (new TextEncoder().encode(p.clientId).length > 65535) e.clientId = 'Client ID is too long.';
  return e;
}

export function parseFilters(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
