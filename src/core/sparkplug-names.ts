/**
 * Sparkplug B names the views share (the Sparkplug view, the Message panel's Metrics table):
 * which metrics can be charted, and the topics a chart or a command goes to. Apart from
 * core/sparkplug-model.ts so that the Message panel does not carry the model.
 */

/** Whether a metric's values can be drawn on a chart (numbers, and booleans as a 0/1 step line). */
export function isChartableType(type: string): boolean {
  return /^(U?Int(8|16|32|64)|Float|Double|Boolean)$/.test(type);
}

/** A named metric of a chartable type that is not Sparkplug's own bookkeeping (bdSeq, Node Control/…). */
export function isChartableMetric(name: string, type: string): boolean {
  return name !== '' && name !== 'bdSeq' && !name.startsWith('Node Control/') && isChartableType(type);
}

/**
 * Where a metric's values keep arriving, for a chart of it by name: the DATA topic of its edge
 * node (`NDATA`) or device (`DDATA`); the worker resolves aliases on every message, so the chart
 * keeps following the name across rebirths.
 */
export function metricDataTopic(group: string, edgeNode: string, device?: string): string {
  return device === undefined ? `spBv1.0/${group}/NDATA/${edgeNode}` : `spBv1.0/${group}/DDATA/${edgeNode}/${device}`;
}

/** The NCMD topic of an edge node (where Request rebirth publishes). */
export function nodeCommandTopic(group: string, edgeNode: string): string {
  return `spBv1.0/${group}/NCMD/${edgeNode}`;
}
