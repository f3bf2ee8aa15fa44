/**
 * Alert rules (persisted as `switchyard.alerts`, versioned, checked by zod like every stored
 * value; see persisted.ts) and whether to show browser notifications. Loaded lazily (app/live.ts
 * loadAlertRules): the first screen does not need it. The rules are evaluated by the AlertEngine
 * (core/alert-engine.ts), which app/live.ts feeds from this store.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import * as z from 'zod/mini';
import { newId } from '../core/ids';
import { alertRuleSchema, ruleProblem, MAX_RULES, type AlertRule } from '../core/alert-rules';
import type { RuleContent } from '../core/alert-rules-file';
import { persistOptions, type PersistSpec } from './persisted';
import { lenient, listOf, schemaLoader } from './schema-helpers';

export interface AlertRulesState {
  rules: AlertRule[];
  /** Show a browser notification when a rule fires (the browser's permission is asked separately). */
  notify: boolean;
}

const stateSchema = z.object({
  rules: listOf(alertRuleSchema, MAX_RULES),
  notify: lenient(z._default(z.boolean(), false), false),
});

/** Drops rules with a duplicate id or that the dialog would refuse (a filter such as a/#/b). */
function fix(s: AlertRulesState): boolean {
  const ids = new Set<string>();
  const before = s.rules.length;
  s.rules = s.rules.filter((r) => {
    if (ids.has(r.id) || ruleProblem(r)) return false;
    ids.add(r.id);
    return true;
  });
  return s.rules.length !== before;
}

export const ALERTS_PERSIST: PersistSpec<AlertRulesState> = {
  key: 'switchyard.alerts',
  what: 'alert rules',
  // Version 1 is the first schema; later versions add steps to `migrations`.
  version: 1,
  migrations: {},
  load: schemaLoader(stateSchema as z.ZodMiniType<AlertRulesState>, fix),
};

export const useAlertRulesStore = create<AlertRulesState>()(
  persist((): AlertRulesState => ({ rules: [], notify: false }), {
    ...persistOptions<AlertRulesState, AlertRulesState>(ALERTS_PERSIST),
    partialize: (s) => ({ rules: s.rules, notify: s.notify }),
  }),
);

export type AddResult = { ok: true; id: string } | { ok: false; error: string };

export function addRule(content: Omit<RuleContent, 'enabled'> & { enabled?: boolean }): AddResult {
  const { rules } = useAlertRulesStore.getState();
  if (rules.length >= MAX_RULES) return { ok: false, error: `At most ${MAX_RULES} rules` };
  const id = newId('alert');
  useAlertRulesStore.setState({ rules: [...rules, { enabled: true, ...content, id }] });
  return { ok: true, id };
}

/** Replaces a rule's definition (keeps its id and whether it is enabled). */
export function updateRule(id: string, content: Omit<RuleContent, 'enabled'>): void {
  useAlertRulesStore.setState((s) => ({ rules: s.rules.map((r) => (r.id === id ? { ...content, id, enabled: r.enabled } : r)) }));
}

export function removeRule(id: string): void {
  useAlertRulesStore.setState((s) => ({ rules: s.rules.filter((r) => r.id !== id) }));
}

export function setRuleEnabled(id: string, enabled: boolean): void {
  useAlertRulesStore.setState((s) => ({ rules: s.rules.map((r) => (r.id === id ? { ...r, enabled } : r)) }));
}

export function setNotify(notify: boolean): void {
  useAlertRulesStore.setState({ notify });
}

/** Same definition (id and enabled aside). */
const sameContent = (a: RuleContent, b: RuleContent) => {
  const strip = (r: RuleContent) =>
    JSON.stringify(Object.entries(r).filter(([k, v]) => v !== undefined && k !== 'id' && k !== 'enabled').sort(([x], [y]) => x.localeCompare(y)));
  return strip(a) === strip(b);
};

/** Adds imported rules (already checked), skipping those identical to one kept; all or nothing. */
export function importRules(content: readonly RuleContent[]): { ok: true; added: number; skipped: number } | { ok: false; error: string } {
  const { rules } = useAlertRulesStore.getState();
  const fresh = content.filter((c, i) => !rules.some((r) => sameContent(r, c)) && content.findIndex((d) => sameContent(d, c)) === i);
  if (rules.length + fresh.length > MAX_RULES) return { ok: false, error: `it would make ${rules.length + fresh.length} rules; at most ${MAX_RULES} are kept` };
  useAlertRulesStore.setState({ rules: [...rules, ...fresh.map((c) => ({ ...c, id: newId('alert') }))] });
  return { ok: true, added: fresh.length, skipped: content.length - fresh.length };
}
