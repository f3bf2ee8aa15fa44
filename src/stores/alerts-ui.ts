/**
 * The little of the alerts that the first screen needs, without loading the alert rules or their
 * engine (both load later, see app/live.ts): the header's count, whether any rule exists, and the
 * rule the Explorer asked to create ("Alert on this topic"), which the Alerts view opens prefilled.
 * Not persisted: the rules themselves are in alert-rules-store.ts.
 */
import { create } from 'zustand';

export interface AlertDraftRequest {
  filter: string;
  jsonPath?: string;
}

export interface AlertsUiState {
  /** (rule, topic) pairs firing now. */
  active: number;
  /** Rules saved (the header shows its count only when there is at least one). */
  rules: number;
  /** "Alert on this topic": what the Alerts view opens its dialog with, once. */
  draft?: AlertDraftRequest;
}

export const useAlertsUi = create<AlertsUiState>()(() => ({ active: 0, rules: 0 }));

/** The Explorer's "Alert on this topic": navigate to /alerts after calling this. */
export function openAlertWith(draft: AlertDraftRequest): void {
  useAlertsUi.setState({ draft });
}

/** The Alerts view took the draft. */
export function takeAlertDraft(): AlertDraftRequest | undefined {
  const { draft } = useAlertsUi.getState();
  if (draft) useAlertsUi.setState({ draft: undefined });
  return draft;
}

export function setAlertCounts(counts: Partial<Pick<AlertsUiState, 'active' | 'rules'>>): void {
  const s = useAlertsUi.getState();
  if ((counts.active ?? s.active) !== s.active || (counts.rules ?? s.rules) !== s.rules) useAlertsUi.setState(counts);
}
