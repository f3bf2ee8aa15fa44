/**
 * The checks of the stores read at start (saved connections, preferences, the Publish view's
 * form, history and templates): what persisted.ts runs on what they read back from localStorage.
 * main.tsx loads this module, and registers these checks, before any store is created, but only
 * when localStorage holds something of Switchyard's: a first visit has nothing to check, and zod
 * (~16 KB gzip) stays off its load (docs/performance.md, "First load"). The stores loaded later
 * (alerts, dashboards) keep their checks beside them.
 */
import * as z from 'zod/mini';
import { DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT } from '../core/message';
import { PAYLOAD_FORMATS, type PayloadFormat } from '../core/payload-encode';
import { registerLoaders, type Loader } from './persisted';
import { lenient, listOf, schemaLoader } from './schema-helpers';
import { STORE_KEYS } from './store-keys';
import { emptyDraft, emptyProperties, HISTORY_LIMIT } from './publish-draft';
// Types only: importing a store module would create the store, which reads its data at once.
import type { ProfilesState } from './profiles-store';
import type { PrefsState } from './prefs-store';
import type { PublishPersisted } from './publish-store';
import type { DecodeAsState } from './decode-as-store';
import { DECODE_CHOICES, type DecodeChoice } from '../core/decoded';
import { validateFilter } from '../core/topic-filter';
import { protobufLoader } from './protobuf-schema';

// ---- saved connections ----

const str = (max: number, fallback = '') => lenient(z.string().check(z.maxLength(max)), fallback);
const qos = z.union([z.literal(0), z.literal(1), z.literal(2)]);

/** A stored profile: id and URL are essential (else it is dropped); other bad fields get their defaults. */
const profileSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  name: str(200, 'Connection'),
  url: z.string().check(z.maxLength(4096)),
  // Added after version 1 without a version bump: absent in older data means no further URLs
  // (a default, not a repair: no "could not be read" notice), and an older Switchyard simply
  // ignores the field. Present but not a list of URLs: a repair, reported as usual.
  moreUrls: lenient(z._default(z.array(z.string().check(z.maxLength(4096))).check(z.maxLength(20)), []), []),
  clientId: str(65535),
  username: str(65535),
  password: str(65535),
  rememberPassword: lenient(z.boolean(), false),
  keepalive: lenient(z.int().check(z.minimum(0), z.maximum(65535)), 30),
  clean: lenient(z.boolean(), true),
  protocolVersion: lenient(z.union([z.literal(4), z.literal(5)]), 5),
  subscriptions: lenient(z.array(z.string().check(z.maxLength(65535))).check(z.maxLength(1000)), ['#']),
  willTopic: str(65535),
  willPayload: str(65535),
  willQos: lenient(qos, 0),
  willRetain: lenient(z.boolean(), false),
});

const profilesStateSchema = z.object({
  profiles: listOf(profileSchema, 500),
  activeId: lenient(z.nullable(z.string()), null),
});

export const profilesLoader = schemaLoader<ProfilesState>(profilesStateSchema, (s) => {
  const seen = new Set<string>();
  const before = s.profiles.length;
  s.profiles = s.profiles.filter((p) => !seen.has(p.id) && !!seen.add(p.id));
  if (s.activeId !== null && !seen.has(s.activeId)) s.activeId = null;
  return s.profiles.length !== before;
});

// ---- preferences ----

export const prefsLoader = schemaLoader<PrefsState>(
  z.object({ historyLimit: lenient(z.int().check(z.minimum(1), z.maximum(MAX_HISTORY_LIMIT)), DEFAULT_HISTORY_LIMIT) }),
);

// ---- Decode as, per topic filter (Message panel) ----

const decodeChoices = DECODE_CHOICES.map((c) => c.choice) as [DecodeChoice, ...DecodeChoice[]];

/** A rule with a filter that could not be subscribed or an unknown choice is dropped (reported). */
export const decodeAsLoader = schemaLoader<DecodeAsState>(
  z.object({
    rules: listOf(
      z.object({
        filter: z.string().check(z.minLength(1), z.maxLength(65535), z.refine((f) => validateFilter(f) === null)),
        choice: z.enum(decodeChoices),
        // Protobuf: the message type chosen for the topic (added without a version bump: optional).
        messageType: z.optional(z.string().check(z.maxLength(500))),
      }),
      1000,
    ),
  }),
);

// ---- the Publish view's form, history and templates ----

const text = (max = 16 * 1024 * 1024) => lenient(z.string().check(z.maxLength(max)), '');
const draftShape = {
  topic: text(65535),
  payload: text(),
  format: lenient(z.enum(PAYLOAD_FORMATS.map((f) => f.value) as [PayloadFormat, ...PayloadFormat[]]), 'text'),
  qos: lenient(z.union([z.literal(0), z.literal(1), z.literal(2)]), 0),
  retain: lenient(z.boolean(), false),
  properties: lenient(
    z.object({
      contentType: text(65535),
      payloadFormatIndicator: lenient(z.boolean(), false),
      messageExpiryInterval: text(32),
      responseTopic: text(65535),
      correlationData: text(65535),
      userProperties: lenient(listOf(z.object({ key: z.string().check(z.maxLength(65535)), value: z.string().check(z.maxLength(65535)) }), 1000), []),
    }),
    emptyProperties(),
  ),
};
const id = z.string().check(z.minLength(1), z.maxLength(200));

export const publishLoader = schemaLoader<PublishPersisted>(
  z.object({
    draft: lenient(z.object(draftShape), emptyDraft()),
    history: lenient(listOf(z.object({ ...draftShape, id, time: z.number() }), HISTORY_LIMIT), []),
    templates: lenient(listOf(z.object({ ...draftShape, id, name: z.string().check(z.maxLength(200)) }), 500), []),
  }),
);

/** Registers these checks (main.tsx, before the stores are created; unit tests). */
export function registerStartLoaders(): () => void {
  return registerLoaders({
    [STORE_KEYS.profiles]: profilesLoader as Loader<unknown>,
    [STORE_KEYS.prefs]: prefsLoader as Loader<unknown>,
    [STORE_KEYS.publish]: publishLoader as Loader<unknown>,
    [STORE_KEYS.decoders]: decodeAsLoader as Loader<unknown>,
    [STORE_KEYS.protobuf]: protobufLoader as Loader<unknown>,
  });
}
