/** Explorer UI state: selection, expanded topics, filter text. Low-rate only. */
import { create } from 'zustand';

export interface ExplorerState {
  selected: string | null;
  expanded: ReadonlySet<string>;
  filter: string;
  /** Whether the filter also searches the text of each topic's last payload. */
  filterPayloads: boolean;
}

export const useExplorerStore = create<ExplorerState>(() => ({
  selected: null,
  expanded: new Set<string>(),
  filter: '',
  filterPayloads: false,
}));

export function selectTopic(topic: string | null): void {
  useExplorerStore.setState({ selected: topic });
}

export function setExpanded(topic: string, open: boolean): void {
  useExplorerStore.setState((s) => {
    if (s.expanded.has(topic) === open) return s;
    const next = new Set(s.expanded);
    if (open) next.add(topic);
    else next.delete(topic);
    return { expanded: next };
  });
}

export function setFilter(filter: string): void {
  useExplorerStore.setState({ filter });
}

export function setFilterPayloads(on: boolean): void {
  useExplorerStore.setState({ filterPayloads: on });
}
