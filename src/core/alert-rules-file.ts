/**
 * Alert rules as a file: export writes `{ "format": "switchyard-alert-rules", "version": 1,
 * "rules": [...] }` (no ids: an import gets new ones); import checks every rule (schema, then the
 * same checks as the dialog) and refuses the whole file when any rule is wrong, naming it.
 */
import { alertRuleSchema, ruleProblem, MAX_RULES, type AlertRule } from './alert-rules';

export const ALERT_RULES_FILE_FORMAT = 'switchyard-alert-rules';
export const ALERT_RULES_FILE_VERSION = 1;

/** A rule as it travels in a file: everything but the id. */
export type RuleContent = Omit<AlertRule, 'id'>;

const FIELD_ORDER: (keyof RuleContent)[] = ['filter', 'condition', 'value', 'high', 'seconds', 'text', 'jsonPath', 'hysteresis', 'enabled'];

export function serializeRules(rules: readonly AlertRule[]): string {
  const out = rules.map((r) => {
    const o: Record<string, unknown> = {};
    for (const k of FIELD_ORDER) if (r[k] !== undefined) o[k] = r[k];
    return o;
  });
  return `${JSON.stringify({ format: ALERT_RULES_FILE_FORMAT, version: ALERT_RULES_FILE_VERSION, rules: out }, null, 2)}\n`;
}

export type RulesFileResult = { ok: true; rules: RuleContent[] } | { ok: false; error: string };

const isRecord = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

export function parseRulesFile(text: string): RulesFileResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `This file is not JSON (${(e as Error).message})` };
  }
  if (!isRecord(raw) || raw.format !== ALERT_RULES_FILE_FORMAT) {
    return { ok: false, error: `This is not a Switchyard alert rules file (no "format": "${ALERT_RULES_FILE_FORMAT}")` };
  }
  if (typeof raw.version !== 'number') return { ok: false, error: 'The file does not say which format version it uses' };
  if (raw.version > ALERT_RULES_FILE_VERSION) return { ok: false, error: `The file was made by a newer Switchyard (version ${raw.version})` };
  if (!Array.isArray(raw.rules)) return { ok: false, error: 'The file has no list of rules' };
  if (raw.rules.length > MAX_RULES) return { ok: false, error: `The file has ${raw.rules.length} rules; at most ${MAX_RULES} are kept` };
  const rules: RuleContent[] = [];
  for (let i = 0; i < raw.rules.length; i++) {
    const item = raw.rules[i];
    const parsed = alertRuleSchema.safeParse(isRecord(item) ? { ...item, id: 'import' } : item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
      return { ok: false, error: `Rule ${i + 1} is not a valid rule${where}` };
    }
    const problem = ruleProblem(parsed.data);
    if (problem) return { ok: false, error: `Rule ${i + 1} (${parsed.data.filter}): ${problem}` };
    const { id: _id, ...content } = parsed.data;
    rules.push(content);
  }
  return { ok: true, rules };
}
