/**
 * The alert engine: evaluates alert rules (alert-rules.ts) per matching topic, message by
 * message (`onMessage`; `onBatch` for several) and on a 1 s `tick` (silence, rates, notes). It runs
 * in the MQTT worker (mqtt/alert-worker.ts), where every message passes before a flood is
 * coalesced; the main thread gets its transitions and rule statuses (alert-report.ts,
 * alerts-model.ts).
 *
 * - Each rule is evaluated per topic its filter matches: a threshold fires once when the value
 *   crosses and clears only when it has come back past the limit by the hysteresis.
 * - Nothing it cannot read raises an alarm: a non-numeric payload, a JSON path that does not
 *   match, a status it does not recognise leave the state as it is and become the rule's note
 *   ("Payload is not a number: plant/a/temp"), shown next to the rule. Last will reads statuses
 *   with core/device-status.ts.
 * - Matching is cheap: rules are grouped by filter, and the rules of each topic are cached
 *   (bounded); a payload is decoded at most once per message, a JSON path read once per message.
 * - Bounded: at most MAX_TOPICS_PER_RULE topics per rule, MAX_LOG log entries.
 * - A payload the worker decoded (Sparkplug B, MessagePack, CBOR, Protobuf: `decoded`) is read
 *   from its decoding, a Sparkplug metric by name (alert-decoded.ts); others from the bytes.
 */
import { VersionedEmitter } from './emitter';
import type { MqttMessage } from './message';
import { decodePayload, type DecodedPayload } from './payload';
import { matchesFilter, hasWildcard } from './topic-filter';
import { getPath, MAX_CHART_PAYLOAD, parsePath, readingFromDecoded, readingFromValue, type PathSegment, type Reading } from './value-extract';
import { describeRule, NUMERIC_CONDITIONS, ruleProblem, textPattern, type AlertRule } from './alert-rules';
import { readDeviceStatus } from './device-status';
import { scanJsonPath, UNSURE } from './json-path-scan';
import { decodedAsJson, type DecodedPayload as Decoding, type JsonLike } from './decoded';
import { decodedText, METRIC_ABSENT, readDecoded } from './alert-decoded';

export const MAX_TOPICS_PER_RULE = 5_000;
/** (rule, topic) states kept in all: about 80 bytes each, so at most ~16 MB whatever the rules and the broker. */
export const MAX_TOPIC_STATES = 200_000;
export const MAX_LOG = 500;
const MAX_CACHED_TOPICS = 20_000;
/** The rate of a `rate` rule is counted over this many whole seconds. */
export const RATE_WINDOW_S = 10;

export interface AlertLogEntry {
  /** Grows by one per entry (a React key). */
  seq: number;
  time: number;
  ruleId: string;
  /** The rule in words at the time (describeRule). */
  rule: string;
  topic: string;
  value: string;
  kind: 'fired' | 'cleared';
}

/** `unreadable`: messages came, but not one could be read (not a number, path never matched…). */
export type RuleState = 'off' | 'invalid' | 'waiting' | 'ok' | 'firing' | 'unreadable';

export interface RuleStatus {
  state: RuleState;
  /** Topics the rule is firing for. */
  active: number;
  /** Why something was not evaluated, or what the rule is waiting for. */
  note?: string;
}

export interface AlertEngineOptions {
  /** Messages per second of a topic (a traffic model); when it answers undefined the engine counts itself. */
  rateOf?: (topic: string) => number | undefined;
  /** Told about every firing (notifications). */
  onFire?: (entry: AlertLogEntry) => void;
}

interface TopicState {
  active: boolean;
  lastSeen: number;
  /** rate rules: messages per whole second, RATE_WINDOW_S + 1 slots */
  counts?: number[];
  secs?: number[];
  /** A decoded payload of this topic was read (Sparkplug B: a later message without the metric is then no problem). */
  read?: true;
}

interface Compiled {
  rule: AlertRule;
  /** The rule's numbers, read once: limit (low end), high end, hysteresis; the JSON path as typed. */
  lo: number;
  hi: number;
  h: number;
  field: string;
  label: string;
  invalid?: string;
  path?: PathSegment[];
  pattern?: RegExp;
  topics: Map<string, TopicState>;
  active: number;
  matched: number;
  readable: number;
  skipped: number;
  problem?: { reason: string; topic: string };
  overflow: boolean;
  startedAt: number;
  /** Note as last published (a changed note bumps the version on the next tick). */
  shownNote?: string;
}

/** What the engine reads of a message: `size` (the original length) only matters when the payload was truncated. */
export type AlertInput = Pick<MqttMessage, 'topic' | 'payload' | 'time' | 'decoded'> & { size?: number };

/** A reading with why there is none. */
type Read = { reading: Reading; reason?: undefined } | { reading?: undefined; reason: string };

export class AlertEngine extends VersionedEmitter {
  private rulesById = new Map<string, Compiled>();
  /** Enabled, valid rules grouped by filter. */
  private groups = new Map<string, Compiled[]>();
  /** Per topic: the rules matching it and, beside each, that rule's state for the topic (no lookup per rule). */
  private cache = new Map<string, CacheEntry>();
  private readonly reader = new MessageReader();
  private logEntries: AlertLogEntry[] = [];
  private seq = 0;
  private activeTotal = 0;
  /** (rule, topic) states kept (bounded by MAX_TOPIC_STATES). */
  private stateCount = 0;
  private readonly opts: AlertEngineOptions;
  /** While disconnected nothing arrives: silence and rates are not judged then. */
  private connected = true;

  constructor(opts: AlertEngineOptions = {}) {
    super();
    this.opts = opts;
  }

  /** (rule, topic) pairs firing now: the header's "Active alerts". */
  get active(): number {
    return this.activeTotal;
  }

  /** Fired and cleared, oldest first, at most MAX_LOG. */
  get log(): readonly AlertLogEntry[] {
    return this.logEntries;
  }

  /** True when any rule is evaluated (the timer runs only then). */
  get hasRules(): boolean {
    return this.groups.size > 0;
  }

  /** Replaces the rules; a rule whose definition did not change keeps its state. */
  setRules(rules: readonly AlertRule[], now: number = Date.now()): void {
    const next = new Map<string, Compiled>();
    for (const rule of rules) {
      const old = this.rulesById.get(rule.id);
      next.set(rule.id, old && sameRule(old.rule, rule) ? old : compile(rule, now));
    }
    this.rulesById = next;
    this.groups = new Map();
    this.cache.clear();
    this.activeTotal = 0;
    this.stateCount = 0;
    for (const c of next.values()) this.stateCount += c.topics.size;
    for (const c of next.values()) {
      if (!c.rule.enabled || c.invalid) continue;
      this.activeTotal += c.active;
      const g = this.groups.get(c.rule.filter);
      if (g) g.push(c);
      else this.groups.set(c.rule.filter, [c]);
    }
    this.changed();
  }

  /** Evaluates one frame's messages. */
  onBatch(messages: readonly AlertInput[]): void {
    if (this.groups.size === 0) return;
    let changed = false;
    for (const m of messages) if (this.evaluateMessage(m)) changed = true;
    if (changed) this.changed();
  }

  /**
   * Evaluates one message and tells listeners if a state changed (the MQTT worker calls this for
   * every message as it arrives, before the batcher may coalesce it). `heard` false: a retained
   * replay that may be one seen before, so its value is read but silence and rates ignore it.
   */
  onMessage(m: AlertInput, heard = true): void {
    if (this.groups.size > 0 && this.evaluateMessage(m, heard)) this.changed();
  }

  /** True when an enabled rule's filter matches the topic. */
  watches(topic: string): boolean {
    return this.groups.size > 0 && this.entryFor(topic).rules.length > 0;
  }

  /** The rules, by id (as given to setRules). */
  ruleIds(): IterableIterator<string> {
    return this.rulesById.keys();
  }

  /**
   * Marks these (rule id, topic) pairs as firing without logging anything: what an engine that
   * went away (a restarted worker) had firing carries on here, so it can still clear.
   */
  restoreActive(pairs: readonly (readonly [string, string])[], now: number = Date.now()): void {
    let changed = false;
    for (const [id, topic] of pairs) {
      const c = this.rulesById.get(id);
      if (!c || !c.rule.enabled || c.invalid || !matchesFilter(c.rule.filter, topic)) continue;
      const st = this.stateFor(c, topic, now);
      if (!st || st.active) continue;
      st.active = true;
      c.active++;
      this.activeTotal++;
      changed = true;
    }
    this.cache.clear();
    if (changed) this.changed();
  }

  private evaluateMessage(m: AlertInput, heard = true): boolean {
    const entry = this.entryFor(m.topic);
    const { rules, states } = entry;
    if (rules.length === 0) return false;
    let changed = false;
    const msg = this.reader;
    msg.reset(m);
    if (entry.quiet) {
      const v = msg.read(entry.field!, entry.path).reading?.value;
      if (v !== undefined && v > entry.quietLo && v < entry.quietHi) {
        msg.reset(undefined);
        return false;
      }
    }
    for (let i = 0; i < rules.length; i++) {
      const c = rules[i];
      if (!heard && (c.rule.condition === 'silent' || c.rule.condition === 'rate')) continue;
      let st = states[i];
      if (!st) {
        st = this.stateFor(c, m.topic, m.time);
        if (!st) continue;
        states[i] = st;
      }
      if (this.evaluate(c, st, msg)) changed = true;
    }
    if (entry.field !== undefined) quietBand(entry, m.topic, msg.read(entry.field, entry.path).reading?.value);
    msg.reset(undefined);
    return changed;
  }

  /** Once a second while rules exist: silence, rates, and notes that changed. */
  /**
   * The connection went down or came back. While down, silence and rates are not judged (a broker
   * that is away is not every sensor going quiet); when it is back, silent-for rules count again
   * from that moment.
   */
  connectionChanged(up: boolean, now: number = Date.now()): void {
    if (up === this.connected) return;
    this.connected = up;
    if (!up) return;
    for (const c of this.rulesById.values()) {
      if (c.rule.condition !== 'silent') continue;
      for (const st of c.topics.values()) st.lastSeen = Math.max(st.lastSeen, now);
    }
  }

  tick(now: number = Date.now()): void {
    let changed = false;
    for (const c of this.rulesById.values()) {
      if (!c.rule.enabled || c.invalid || !this.connected) continue;
      if (c.rule.condition === 'silent') {
        const limit = (c.rule.seconds ?? 0) * 1000;
        for (const [topic, st] of c.topics) {
          const quiet = now - st.lastSeen;
          if (!st.active && quiet >= limit) changed = this.transition(c, topic, st, true, `nothing for ${Math.round(quiet / 1000)} s`, now) || changed;
        }
      } else if (c.rule.condition === 'rate') {
        const limit = c.rule.value ?? Infinity;
        const back = limit - (c.rule.hysteresis ?? 0);
        for (const [topic, st] of c.topics) {
          const rate = this.opts.rateOf?.(topic) ?? ownRate(st, now);
          if (!st.active && rate > limit) changed = this.transition(c, topic, st, true, `${formatRate(rate)} msg/s`, now) || changed;
          else if (st.active && rate <= back) changed = this.transition(c, topic, st, false, `${formatRate(rate)} msg/s`, now) || changed;
        }
      }
    }
    for (const c of this.rulesById.values()) {
      const note = this.status(c.rule.id)?.note;
      if (note !== c.shownNote) {
        c.shownNote = note;
        changed = true;
      }
    }
    if (changed) this.changed();
  }

  status(ruleId: string): RuleStatus | undefined {
    const c = this.rulesById.get(ruleId);
    if (!c) return undefined;
    if (c.invalid) return { state: 'invalid', active: 0, note: c.invalid };
    if (!c.rule.enabled) return { state: 'off', active: 0 };
    const note = noteOf(c);
    if (c.active > 0) return { state: 'firing', active: c.active, note };
    if (c.matched === 0 && c.topics.size === 0) return { state: 'waiting', active: 0, note: note ?? 'No message on a matching topic yet' };
    if (c.readable === 0 && c.problem) return { state: 'unreadable', active: 0, note };
    return { state: 'ok', active: 0, note };
  }

  /** Topics a rule is firing for (at most `max`). */
  activeTopics(ruleId: string, max = 20): string[] {
    const out: string[] = [];
    const c = this.rulesById.get(ruleId);
    if (!c) return out;
    for (const [topic, st] of c.topics) {
      if (st.active) out.push(topic);
      if (out.length >= max) break;
    }
    return out;
  }

  clearLog(): void {
    this.logEntries = [];
    this.changed();
  }

  // ---------------------------------------------------------------- evaluation

  /** The rule's state for a topic, made on its first message (undefined past the bounds). */
  private stateFor(c: Compiled, topic: string, time: number): TopicState | undefined {
    let st = c.topics.get(topic);
    if (st) return st;
    if (c.topics.size >= MAX_TOPICS_PER_RULE || this.stateCount >= MAX_TOPIC_STATES) {
      c.overflow = true;
      return undefined;
    }
    st = { active: false, lastSeen: time };
    c.topics.set(topic, st);
    this.stateCount++;
    return st;
  }

  private entryFor(topic: string): CacheEntry {
    let entry = this.cache.get(topic);
    if (entry) return entry;
    const rules: Compiled[] = [];
    for (const [filter, group] of this.groups) if (matchesFilter(filter, topic)) rules.push(...group);
    entry = { rules, states: rules.map((c) => c.topics.get(topic)), quiet: false, quietLo: 0, quietHi: 0 };
    const field = rules[0]?.field;
    if (rules.length > 0 && rules.every((c) => NUMERIC_CONDITIONS.includes(c.rule.condition) && c.field === field)) {
      entry.field = field;
      entry.path = rules[0].path;
    }
    if (this.cache.size >= MAX_CACHED_TOPICS) this.cache.clear();
    this.cache.set(topic, entry);
    return entry;
  }

  /** Returns true when the rule's state changed (a log entry was written). */
  private evaluate(c: Compiled, st: TopicState, msg: MessageReader): boolean {
    const { topic, time } = msg.m!;
    st.lastSeen = time;
    c.matched++;
    const rule = c.rule;
    switch (rule.condition) {
      case 'above':
      case 'below':
      case 'outside': {
        const r = msg.read(c.field, c.path);
        if (!r.reading) return r.reason === METRIC_ABSENT ? this.absent(c, topic, st) : this.skip(c, topic, r.reason);
        if (msg.decoding) st.read = true;
        if (c.problem) this.readOk(c, topic);
        else c.readable++;
        const v = r.reading.value;
        const { lo, hi, h } = c;
        if (!st.active) {
          const fire = rule.condition === 'above' ? v > lo : rule.condition === 'below' ? v < lo : v < lo || v > hi;
          return fire ? this.transition(c, topic, st, true, String(v), time) : false;
        }
        const clear = rule.condition === 'above' ? v <= lo - h : rule.condition === 'below' ? v >= lo + h : v >= lo + h && v <= hi - h;
        return clear ? this.transition(c, topic, st, false, String(v), time) : false;
      }
      case 'equals': {
        const r = msg.text(c.path);
        if (r.text === undefined) return r.reason === METRIC_ABSENT ? this.absent(c, topic, st) : this.skip(c, topic, r.reason);
        if (msg.decoding) st.read = true;
        this.readOk(c, topic);
        const text = r.text.trim();
        const hit = c.pattern ? c.pattern.test(text.slice(0, 4096)) : text === rule.text;
        if (hit !== st.active) return this.transition(c, topic, st, hit, shorten(text), time);
        return false;
      }
      case 'silent':
        c.readable++;
        return st.active ? this.transition(c, topic, st, false, 'heard again', time) : false;
      case 'rate':
        c.readable++;
        countMessage(st, time);
        return false;
      case 'lastwill': {
        const status = readDeviceStatus(msg.m!.payload); // the rule's filter says which topics are status topics
        if (status === undefined) return this.skip(c, topic, 'not an online/offline status');
        this.readOk(c, topic);
        const offline = status === 'offline';
        if (offline !== st.active) return this.transition(c, topic, st, offline, shorten(msg.text().text?.trim() ?? status), time);
        return false;
      }
    }
  }

  private skip(c: Compiled, topic: string, reason: string): false {
    c.skipped++;
    c.problem = { reason, topic };
    return false;
  }

  /**
   * A Sparkplug B message without the rule's metric (it reports by exception): nothing to judge
   * once the metric was read on this topic; until then the path is explained as not matching.
   */
  private absent(c: Compiled, topic: string, st: TopicState): false {
    return st.read ? false : this.skip(c, topic, 'JSON path did not match');
  }

  private readOk(c: Compiled, topic: string): void {
    c.readable++;
    if (c.problem?.topic === topic) c.problem = undefined;
  }

  private transition(c: Compiled, topic: string, st: TopicState, active: boolean, value: string, time: number): boolean {
    if (st.active === active) return false;
    st.active = active;
    c.active += active ? 1 : -1;
    this.activeTotal += active ? 1 : -1;
    const entry: AlertLogEntry = { seq: ++this.seq, time, ruleId: c.rule.id, rule: c.label, topic, value, kind: active ? 'fired' : 'cleared' };
    this.logEntries.push(entry);
    if (this.logEntries.length > MAX_LOG + MAX_LOG / 4) this.logEntries = this.logEntries.slice(-MAX_LOG);
    if (active) this.opts.onFire?.(entry);
    return true;
  }
}

// ---------------------------------------------------------------- helpers

interface CacheEntry {
  rules: Compiled[];
  states: (TopicState | undefined)[];
  /** Every rule is a threshold (above, below, outside) on this one field: the quiet band can apply. */
  field?: string;
  path?: PathSegment[];
  /**
   * While `quiet`, a reading strictly between quietLo and quietHi changes no rule's state for this
   * topic (set after each full evaluation from the states it left): the message is then not
   * evaluated rule by rule. 100 rules that rarely fire cost one read per message, not 100 checks.
   */
  quiet: boolean;
  quietLo: number;
  quietHi: number;
}

/**
 * After a full evaluation of a topic whose rules are all thresholds on one field: the values that
 * would change none of their states (each rule's side of its limit, or of its limit less the
 * hysteresis while firing). Bounds are exclusive, so values at a limit always get the full check;
 * a firing Outside rule keeps the side of the band the value `v` is on. Not quiet while a rule
 * has never read this topic or explains a problem with it (those counters must still move).
 */
function quietBand(entry: CacheEntry, topic: string, v: number | undefined): void {
  entry.quiet = false;
  if (v === undefined) return;
  let lo = -Infinity;
  let hi = Infinity;
  for (let i = 0; i < entry.rules.length; i++) {
    const c = entry.rules[i];
    const st = entry.states[i];
    if (!st) continue; // not watched (bounds): never evaluated here
    if (c.readable === 0 || c.problem?.topic === topic) return;
    const cond = c.rule.condition;
    if (!st.active) {
      if (cond !== 'below') hi = Math.min(hi, cond === 'outside' ? c.hi : c.lo);
      if (cond !== 'above') lo = Math.max(lo, c.lo);
    } else if (cond === 'above') lo = Math.max(lo, c.lo - c.h);
    else if (cond === 'below') hi = Math.min(hi, c.lo + c.h);
    else if (v < c.lo + c.h) hi = Math.min(hi, c.lo + c.h);
    else lo = Math.max(lo, c.hi - c.h);
  }
  entry.quiet = lo < hi;
  entry.quietLo = lo;
  entry.quietHi = hi;
}

function compile(rule: AlertRule, now: number): Compiled {
  const c: Compiled = {
    rule,
    lo: rule.value ?? 0,
    hi: rule.high ?? rule.value ?? 0,
    h: rule.hysteresis ?? 0,
    field: rule.jsonPath ?? '',
    label: describeRule(rule),
    invalid: ruleProblem(rule),
    topics: new Map(),
    active: 0,
    matched: 0,
    readable: 0,
    skipped: 0,
    overflow: false,
    startedAt: now,
  };
  if (rule.jsonPath) c.path = parsePath(rule.jsonPath);
  if (rule.condition === 'equals' && rule.text) {
    const p = textPattern(rule.text);
    if (p instanceof RegExp) c.pattern = p;
  }
  // A silent rule on one concrete topic watches it from the start (never heard counts too).
  if (rule.condition === 'silent' && !hasWildcard(rule.filter)) c.topics.set(rule.filter, { active: false, lastSeen: now });
  return c;
}

function sameRule(a: AlertRule, b: AlertRule): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function noteOf(c: Compiled): string | undefined {
  const parts: string[] = [];
  if (c.problem) {
    const never = c.readable === 0;
    let reason = c.problem.reason;
    if (never && reason === 'JSON path did not match') reason = 'JSON path never matched';
    const skipped = c.skipped > 1 ? ` (${c.skipped.toLocaleString('en-US')} messages skipped)` : '';
    parts.push(`${reason[0].toUpperCase()}${reason.slice(1)}: ${c.problem.topic}${skipped}`);
  }
  if (c.overflow) {
    parts.push(`Not watching every matching topic: at most ${MAX_TOPICS_PER_RULE.toLocaleString('en-US')} per rule and ${MAX_TOPIC_STATES.toLocaleString('en-US')} for all rules together`);
  }
  return parts.length ? parts.join('. ') : undefined;
}

/** One message, decoded at most once and its JSON path read once for all the rules that ask. */
class MessageReader {
  m: AlertInput | undefined;
  /** The worker's decoding (Sparkplug B, MessagePack, CBOR, Protobuf) when it read the payload: rules read it, not the bytes. */
  decoding: Decoding | undefined;
  private decodedValue: DecodedPayload | undefined;
  private json: JsonLike | undefined;
  private jsonMade = false;
  private lastPath: string | undefined;
  private lastRead: Read | undefined;

  /** The next message (one reader serves every message of a batch). */
  reset(m: AlertInput | undefined): void {
    this.m = m;
    const d = m?.decoded;
    this.decoding = d && !d.error ? d : undefined; // refused: the bytes are read as before
    this.decodedValue = undefined;
    this.json = undefined;
    this.jsonMade = false;
    this.lastPath = undefined;
    this.lastRead = undefined;
  }

  /** The decoding as JSON (`{ "<metric name>": value }` for Sparkplug B), made once per message. */
  private decodedJson(): JsonLike | undefined {
    if (!this.jsonMade) {
      this.jsonMade = true;
      this.json = decodedAsJson(this.decoding);
    }
    return this.json;
  }

  private get decoded(): DecodedPayload {
    const m = this.m!;
    return (this.decodedValue ??= decodePayload(m.payload, { truncated: m.size !== undefined && m.size > m.payload.length }));
  }

  read(field: string, path: PathSegment[] | undefined): Read {
    if (this.lastPath === field && this.lastRead) return this.lastRead;
    this.lastPath = field;
    return (this.lastRead = this.readNow(field, path));
  }

  private readNow(field: string, path: PathSegment[] | undefined): Read {
    if (this.m!.payload.length > MAX_CHART_PAYLOAD) return { reason: 'payload too large to read' };
    if (this.decoding) return readDecoded(this.decoding, this.decodedJson(), field, path);
    // A field straight from the bytes when the scan is sure (json-path-scan.ts): no decoding.
    const scanned = field !== '' && path && !this.decodedValue ? scanJsonPath(plainBytes(this.m!.payload), path) : UNSURE;
    if (scanned !== UNSURE) return readingAt(scanned);
    const d = this.decoded;
    if (field === '') {
      const reading = readingFromDecoded(d, '');
      return reading ? { reading } : { reason: d.kind === 'empty' ? 'payload is empty' : 'payload is not a number' };
    }
    if (d.kind !== 'json' || !path) return { reason: 'JSON path did not match' };
    return readingAt(getPath(d.json, path));
  }

  text(path?: PathSegment[]): { text: string; reason?: undefined } | { text?: undefined; reason: string } {
    if (this.m!.payload.length > MAX_CHART_PAYLOAD) return { reason: 'payload too large to read' };
    if (this.decoding) return decodedText(this.decoding, this.decodedJson(), path);
    const d = this.decoded;
    if (!path) {
      if (d.kind === 'binary') return { reason: 'payload is not text' };
      return { text: d.text ?? '' };
    }
    if (d.kind !== 'json') return { reason: 'JSON path did not match' };
    const value = getPath(d.json, path);
    if (value === undefined) return { reason: 'JSON path did not match' };
    return { text: typeof value === 'string' ? value : JSON.stringify(value) };
  }
}

/**
 * The bytes as a plain Uint8Array: mqtt.js hands the worker Buffers of the `buffer` polyfill,
 * whose changed prototype makes reading byte by byte about twice as slow.
 */
function plainBytes(p: Uint8Array): Uint8Array {
  return p.constructor === Uint8Array ? p : new Uint8Array(p.buffer, p.byteOffset, p.byteLength);
}

/** The reading of the value found at a JSON path, or why there is none. */
function readingAt(value: unknown): Read {
  if (value === undefined) return { reason: 'JSON path did not match' };
  const reading = readingFromValue(value);
  return reading ? { reading } : { reason: 'value at the JSON path is not a number' };
}

function countMessage(st: TopicState, time: number): void {
  const n = RATE_WINDOW_S + 1;
  st.counts ??= new Array<number>(n).fill(0);
  st.secs ??= new Array<number>(n).fill(-1);
  const sec = Math.floor(time / 1000);
  const slot = sec % n;
  if (st.secs[slot] !== sec) {
    st.secs[slot] = sec;
    st.counts[slot] = 0;
  }
  st.counts[slot]++;
}

/** Messages per second over the last RATE_WINDOW_S whole seconds (the current one is not over yet). */
function ownRate(st: TopicState, now: number): number {
  if (!st.counts || !st.secs) return 0;
  const cur = Math.floor(now / 1000);
  let sum = 0;
  for (let i = 0; i < st.secs.length; i++) {
    const age = cur - st.secs[i];
    if (age >= 1 && age <= RATE_WINDOW_S) sum += st.counts[i];
  }
  return sum / RATE_WINDOW_S;
}

const formatRate = (r: number) => (r >= 100 ? String(Math.round(r)) : r.toFixed(1));

function shorten(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
