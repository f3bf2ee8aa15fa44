// The "million topics" topic set shared by bench/trie-memory.js (Node) and the browser run
// (bench/million.bench.ts): topic i of N, 10 levels deep, with a realistic fan-out.
//
//   plant/site<a>/hall<b>/line<c>/cell<d>/unit<e>/rack<f>/bay<g>/dev<h>/<leaf>
//
// fan-out per level: 1, 2, 2, 2, 5, 5, 5, 10, 10, 10 (about 1.11 nodes per topic). The first 900,000
// follow that pattern; the last 100,000 are one wide level (WIDE_PARENT/sensor<k>: a level with
// 100,000 children, for the expand measurement). N below 1,000,000 fills the first N in order.
export const WIDE_FROM = 900_000;
export const WIDE_PARENT = 'plant/site9/hall0/line0/cell0/unit0/rack0/bay0/many';
export const LEAF_NAMES = ['temperature', 'humidity', 'pressure', 'state', 'power', 'voltage', 'current', 'rssi', 'uptime', 'fw'];

/** Full topic of the i-th topic (0-based). */
export function millionTopic(i) {
  if (i >= WIDE_FROM && i < WIDE_FROM + 100_000) return `${WIDE_PARENT}/sensor${i - WIDE_FROM}`;
  const leaf = i % 10;
  let r = Math.floor(i / 10);
  const dev = r % 10;
  r = Math.floor(r / 10);
  const bay = r % 10;
  r = Math.floor(r / 10);
  const rack = r % 5;
  r = Math.floor(r / 5);
  const unit = r % 5;
  r = Math.floor(r / 5);
  const cell = r % 5;
  r = Math.floor(r / 5);
  const line = r % 2;
  r = Math.floor(r / 2);
  const hall = r % 2;
  r = Math.floor(r / 2);
  const site = r; // 0..1 for 1,000,000; grows past that
  return `plant/site${site}/hall${hall}/line${line}/cell${cell}/unit${unit}/rack${rack}/bay${bay}/dev${dev}/${LEAF_NAMES[leaf]}`;
}

/** A small payload for topic i, like a sensor reading (10–16 bytes). */
export function millionPayload(i) {
  return `{"v":${(i % 997) / 10}}`;
}
