/** Selects a topic in the Explorer with its path opened, then goes there. */
import { selectTopic, setExpanded } from '../../stores/explorer-store';

export function showInExplorer(topic: string, navigate: (to: string) => void): void {
  let slash = topic.indexOf('/');
  while (slash >= 0) {
    setExpanded(topic.slice(0, slash), true);
    slash = topic.indexOf('/', slash + 1);
  }
  selectTopic(topic);
  navigate('/explorer');
}
