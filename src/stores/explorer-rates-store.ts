/** The Explorer's rate column: shown or not, and whether the tree is sorted by it. Low-rate UI state. */
import { create } from 'zustand';

export interface ExplorerRatesState {
  /** Each row's description carries the messages/s of its subtree. */
  show: boolean;
  /** Siblings ordered busiest first (only while rates are shown). */
  sort: boolean;
}

export const useExplorerRatesStore = create<ExplorerRatesState>(() => ({ show: false, sort: false }));

export function setShowRates(show: boolean): void {
  useExplorerRatesStore.setState(show ? { show } : { show, sort: false });
}

export function setSortByRate(sort: boolean): void {
  useExplorerRatesStore.setState(sort ? { sort, show: true } : { sort });
}
