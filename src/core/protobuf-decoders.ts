/**
 * Protocol Buffers decoding (issue 13): the .proto files the user uploaded and the topic filters
 * mapped to their message types, as stored (`switchyard.protobuf`), exported and sent to the
 * worker. Which mapping decodes a topic: the most specific matching filter (specificity below);
 * a Decode as choice for the exact topic (Message panel) comes before every mapping.
 */
import { matchesFilter } from './topic-filter';

export interface ProtoFile {
  /** As uploaded or typed (`reading.proto`, `factory/common.proto`); imports name files by it. */
  name: string;
  text: string;
}

export interface ProtoMapping {
  filter: string;
  /** Fully qualified, without a leading dot: `factory.Reading`. */
  messageType: string;
}

export interface ProtobufConfig {
  files: ProtoFile[];
  mappings: ProtoMapping[];
}

/** How many levels of a filter are wildcards (`+` and `#` each count one), and how many are exact. */
function levels(filter: string): { wild: number; exact: number } {
  let wild = 0;
  let exact = 0;
  for (const level of filter.split('/')) {
    if (level === '+' || level === '#') wild++;
    else exact++;
  }
  return { wild, exact };
}

/**
 * Order of precedence between filters that match the same topic, most specific first: more exact
 * levels; then fewer wildcards; then a filter without `#` (it matches any depth); then the longer
 * filter; then by text, so the order never depends on when a mapping was added.
 * `factory/line-1/reading` < `factory/+/reading` < `factory/+` < `factory/#` < `+/+/reading` < `#`.
 */
export function compareSpecificity(a: string, b: string): number {
  const la = levels(a);
  const lb = levels(b);
  return (
    lb.exact - la.exact ||
    la.wild - lb.wild ||
    Number(a.endsWith('#')) - Number(b.endsWith('#')) ||
    b.length - a.length ||
    (a < b ? -1 : a > b ? 1 : 0)
  );
}

/** Mappings in the order they are tried (most specific first). */
export function byPrecedence(mappings: readonly ProtoMapping[]): ProtoMapping[] {
  return mappings.slice().sort((x, y) => compareSpecificity(x.filter, y.filter));
}

/** The mapping that decodes `topic`, if any. */
export function mappingFor(topic: string, mappings: readonly ProtoMapping[]): ProtoMapping | undefined {
  return byPrecedence(mappings).find((m) => matchesFilter(m.filter, topic));
}
