/**
 * Alert rules: what a rule is, how a typed or imported rule is checked, and how one reads in a
 * sentence. A rule is a topic filter (MQTT wildcards) plus one condition, evaluated per matching
 * topic by the AlertEngine (alert-engine.ts). Stored rules and import files pass `alertRuleSchema`
 * and then `validateRule`; a rule that fails either is never evaluated.
 */
// First: zod runs jitless before any schema is used (the CSP allows no eval; scripts/csp.js).
import './zod-config';
import * as z from 'zod/mini';
import { validateFilter } from './topic-filter';
import { parsePath } from './value-extract';

export const ALERT_CONDITIONS = ['above', 'below', 'outside', 'silent', 'equals', 'rate', 'lastwill'] as const;
export type AlertCondition = (typeof ALERT_CONDITIONS)[number];

/** What the Condition select shows for each condition (UI contract "Alerts"). */
export const CONDITION_LABELS: Record<AlertCondition, string> = {
  above: 'Above',
  below: 'Below',
  outside: 'Outside',
  silent: 'Silent for',
  equals: 'Equals',
  rate: 'Rate above',
  lastwill: 'Last will',
};

/** Conditions on a number read from the payload (or a JSON field of it). */
export const NUMERIC_CONDITIONS: readonly AlertCondition[] = ['above', 'below', 'outside'];

export interface AlertRule {
  id: string;
  filter: string;
  condition: AlertCondition;
  /** Threshold (above, below, rate in msg/s), or the low end of the band (outside). */
  value?: number;
  /** High end of the band (outside). */
  high?: number;
  /** Silent for this many seconds. */
  seconds?: number;
  /** Equals: the text; `/…/flags` is a regular expression. */
  text?: string;
  /** A JSON path into the payload (numeric conditions, equals); '' or absent: the whole payload. */
  jsonPath?: string;
  /** How far back past the limit a value must go before the alert clears (numeric and rate). */
  hysteresis?: number;
  enabled: boolean;
}

export const MAX_RULES = 500;
export const MAX_TEXT = 1_000;
export const MAX_SECONDS = 7 * 24 * 3600;

/** zod 4 numbers are finite (no NaN, no Infinity). */
const finite = z.number();

export const alertRuleSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  filter: z.string().check(z.minLength(1), z.maxLength(65535)),
  condition: z.enum(ALERT_CONDITIONS),
  value: z.optional(finite),
  high: z.optional(finite),
  seconds: z.optional(finite),
  text: z.optional(z.string().check(z.maxLength(MAX_TEXT))),
  jsonPath: z.optional(z.string().check(z.maxLength(1000))),
  hysteresis: z.optional(finite),
  enabled: z._default(z.boolean(), true),
});

/** The fields of a rule as typed in the dialog (strings, as the inputs hold them). */
export interface RuleDraft {
  filter: string;
  condition: AlertCondition;
  value: string;
  high: string;
  seconds: string;
  text: string;
  jsonPath: string;
  hysteresis: string;
}

export type RuleField = keyof RuleDraft;
export type RuleErrors = Partial<Record<RuleField, string>>;

export function emptyDraft(filter = ''): RuleDraft {
  return { filter, condition: 'above', value: '', high: '', seconds: '', text: '', jsonPath: '', hysteresis: '' };
}

export function draftOf(rule: AlertRule): RuleDraft {
  const s = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    filter: rule.filter,
    condition: rule.condition,
    value: s(rule.value),
    high: s(rule.high),
    seconds: s(rule.seconds),
    text: rule.text ?? '',
    jsonPath: rule.jsonPath ?? '',
    hysteresis: s(rule.hysteresis),
  };
}

/** Which fields a condition uses. */
export function fieldsOf(condition: AlertCondition): { value: boolean; high: boolean; seconds: boolean; text: boolean; jsonPath: boolean; hysteresis: boolean } {
  const numeric = NUMERIC_CONDITIONS.includes(condition);
  return {
    value: numeric || condition === 'rate',
    high: condition === 'outside',
    seconds: condition === 'silent',
    text: condition === 'equals',
    jsonPath: numeric || condition === 'equals',
    hysteresis: numeric || condition === 'rate',
  };
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function readNumber(s: string): number | undefined {
  const t = s.trim();
  if (!NUMBER.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** `/…/flags` as a RegExp; undefined when `text` is not written that way; an Error when it is malformed. */
export function textPattern(text: string): RegExp | Error | undefined {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(text);
  if (!m) return undefined;
  try {
    // g and y make test() remember where it stopped: the same payload would match every other time.
    return new RegExp(m[1], m[2].replace(/[gy]/g, ''));
  } catch (e) {
    return e as Error;
  }
}

/** Checks a draft: the rule (without id and enabled) or the errors per field, worded for the form. */
export function parseDraft(d: RuleDraft): { ok: true; rule: Omit<AlertRule, 'id' | 'enabled'> } | { ok: false; errors: RuleErrors } {
  const errors: RuleErrors = {};
  const filter = d.filter.trim();
  const filterError = validateFilter(filter);
  if (filterError) errors.filter = filterError;
  const use = fieldsOf(d.condition);
  const rule: Omit<AlertRule, 'id' | 'enabled'> = { filter, condition: d.condition };
  const number = (field: 'value' | 'high' | 'seconds' | 'hysteresis', what: string, optional = false): number | undefined => {
    if (d[field].trim() === '') {
      if (!optional) errors[field] = `Enter ${what}`;
      return undefined;
    }
    const n = readNumber(d[field]);
    if (n === undefined) errors[field] = `${what[0].toUpperCase()}${what.slice(1)} must be a number, such as 30 or 21.5`;
    return n;
  };
  if (use.value) {
    rule.value = number('value', d.condition === 'rate' ? 'the messages per second' : d.condition === 'outside' ? 'the low end of the band' : 'the limit');
    if (d.condition === 'rate' && rule.value !== undefined && rule.value <= 0) errors.value = 'The rate must be above 0 messages per second';
  }
  if (use.high) {
    rule.high = number('high', 'the high end of the band');
    if (rule.value !== undefined && rule.high !== undefined && rule.high <= rule.value) errors.high = 'High must be above Low';
  }
  if (use.seconds) {
    rule.seconds = number('seconds', 'the seconds');
    if (rule.seconds !== undefined && !(rule.seconds >= 1 && rule.seconds <= MAX_SECONDS)) {
      errors.seconds = `Seconds must be between 1 and ${MAX_SECONDS} (a week)`;
    }
  }
  if (use.text) {
    if (d.text === '') errors.text = 'Enter the text to compare with';
    else if (d.text.length > MAX_TEXT) errors.text = `At most ${MAX_TEXT} characters`;
    else {
      const p = textPattern(d.text);
      if (p instanceof Error) errors.text = `Not a valid regular expression: ${p.message}`;
    }
    rule.text = d.text;
  }
  if (use.jsonPath && d.jsonPath.trim() !== '') {
    const path = d.jsonPath.trim();
    if (parsePath(path) === undefined) errors.jsonPath = 'A JSON path such as temperature or a.b[0].c';
    rule.jsonPath = path;
  }
  if (use.hysteresis) {
    const h = number('hysteresis', 'the hysteresis', true);
    if (h !== undefined) {
      if (h < 0) errors.hysteresis = 'Hysteresis cannot be negative';
      else if (d.condition === 'outside' && rule.value !== undefined && rule.high !== undefined && 2 * h >= rule.high - rule.value) {
        errors.hysteresis = 'Hysteresis must be less than half the band (High − Low)';
      } else if (h > 0) rule.hysteresis = h;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, rule };
}

/** Why a stored or imported rule cannot be evaluated, or undefined when it can. */
export function ruleProblem(rule: AlertRule): string | undefined {
  const r = parseDraft(draftOf(rule));
  if (r.ok) return undefined;
  return Object.values(r.errors)[0];
}

const fmt = (n: number | undefined) => (n === undefined ? '?' : String(n));

/** The condition in words: "above 30 (hysteresis 2)", "silent for 60 s". */
export function describeCondition(rule: AlertRule): string {
  const h = rule.hysteresis ? ` (hysteresis ${rule.hysteresis})` : '';
  const field = rule.jsonPath ? `${rule.jsonPath} ` : '';
  switch (rule.condition) {
    case 'above':
      return `${field}above ${fmt(rule.value)}${h}`;
    case 'below':
      return `${field}below ${fmt(rule.value)}${h}`;
    case 'outside':
      return `${field}outside ${fmt(rule.value)}…${fmt(rule.high)}${h}`;
    case 'silent':
      return `silent for ${fmt(rule.seconds)} s`;
    case 'equals':
      return `${field}equals ${JSON.stringify(rule.text ?? '')}`;
    case 'rate':
      return `rate above ${fmt(rule.value)} msg/s${h}`;
    case 'lastwill':
      return 'last will (status offline)';
  }
}

/** The rule in one line, for the log and notifications: "plant/+/temp above 30". */
export function describeRule(rule: AlertRule): string {
  return `${rule.filter} ${describeCondition(rule)}`;
}
