// The topic mix of the soak benchmark (`npm run bench -- --soak`, bench/README.md): which topics
// exist, when they appear, how often each publishes and what. Pure and deterministic, shared by
// the load generator (bench/load-generator.js, which publishes it) and the soak spec
// (bench/soak.bench.ts, which picks the topic to select and chart and reports the mix).
//
// A fleet of devices under soak/site-NN/dev-NNNN/, each with some of these topics:
//   status     retained "online"                                     every device, published once
//   config     retained JSON (~150 B), QoS 1                         published once
//   telemetry  JSON {"temp","hum","battery","seq","ts"} (~90 B)      75.0% of the rate
//   rssi       a plain number                                        22.5% of the rate
//   snapshot   JSON with a base64 "image" of 2–20 KB                  2.5% of the rate
// With the defaults (5,000 topics, 2,000 msg/s): 1,725 devices, 3,450 retained topics,
// 1,200 telemetry topics at 1.25 msg/s each, 300 rssi at 1.5 msg/s, 50 snapshots at 1 msg/s.
//
// Devices appear one after another over the first `growSeconds` (their retained topics are
// published as they appear), so the tree grows at first and then stops growing. The offered
// rate is fixed from the start and shared by the devices present so far. Every repeating topic
// publishes at least once a second once all devices are present, so each one has filled its
// history (100 messages by default) about 100 s after growth ends: the warm-up that the verdict
// excludes (3 minutes by default) covers topic growth and history filling.

/** Share of topics and of the rate per kind; what is left of the topics is retained state. */
export const KINDS = {
  telemetry: { topicShare: 0.24, rateShare: 0.75 },
  rssi: { topicShare: 0.06, rateShare: 0.225 },
  snapshot: { topicShare: 0.01, rateShare: 0.025 },
};
const REPEATING = /** @type {const} */ (['telemetry', 'rssi', 'snapshot']);
export const SNAPSHOT_MIN_BYTES = 2 * 1024;
export const SNAPSHOT_MAX_BYTES = 20 * 1024;
const SITES = 25;

const pad = (n, width) => String(n).padStart(width, '0');

/** Device d of D has a kind with n topics when floor(d·n/D) steps there: n devices, evenly spread, device 0 always. */
const spread = (d, n, devices) => d === 0 ? n > 0 : Math.floor((d * n) / devices) !== Math.floor(((d - 1) * n) / devices);

/**
 * The plan for `topics` topics: devices in order of appearance and, per repeating kind, its
 * topics in that same order (so the topics present at any time are a prefix of each list).
 */
export function soakPlan(topics = 5_000) {
  const total = Math.max(10, Math.round(topics));
  const counts = Object.fromEntries(REPEATING.map((k) => [k, Math.max(1, Math.round(total * KINDS[k].topicShare))]));
  const retained = total - REPEATING.reduce((a, k) => a + counts[k], 0);
  const devices = Math.max(counts.telemetry, Math.ceil(retained / 2));
  const configs = Math.max(0, retained - devices);
  const width = Math.max(4, String(devices - 1).length);
  const list = [];
  /** @type {Record<string, {topic: string, device: number, index: number}[]>} */
  const byKind = { telemetry: [], rssi: [], snapshot: [] };
  for (let d = 0; d < devices; d++) {
    const base = `soak/site-${pad(d % SITES, 2)}/dev-${pad(d, width)}`;
    const dev = { index: d, base, status: `${base}/status`, config: spread(d, configs, devices) ? `${base}/config` : null };
    for (const k of REPEATING) {
      if (spread(d, counts[k], devices)) byKind[k].push({ topic: `${base}/${k}`, device: d, index: byKind[k].length });
    }
    list.push(dev);
  }
  const topicCount = devices + configs + REPEATING.reduce((a, k) => a + byKind[k].length, 0);
  return { devices: list, byKind, counts: { ...counts, status: devices, config: configs }, topicCount };
}

/** Repeating kinds with their share of the rate (smooth weighted round-robin picks among them). */
export const REPEATING_KINDS = REPEATING.map((k) => ({ kind: k, weight: KINDS[k].rateShare }));

// A fixed pseudo-random base64 "image" to cut snapshot payloads from.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
let imageCache = '';
function image() {
  if (!imageCache) {
    let x = 2463534242;
    const chars = new Array(SNAPSHOT_MAX_BYTES * 2);
    for (let i = 0; i < chars.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      chars[i] = B64[(x >>> 0) % 64];
    }
    imageCache = chars.join('');
  }
  return imageCache;
}

/** Payload of the seq-th message of a repeating topic (deterministic). */
export function payloadFor(kind, index, seq, now = Date.now()) {
  switch (kind) {
    case 'telemetry': {
      const temp = 18 + 6 * Math.sin((seq + index * 13) / 40) + (index % 10) / 10;
      const hum = 45 + 10 * Math.cos((seq + index * 7) / 55);
      const battery = 3.9 - ((seq + index) % 300) / 1000;
      return `{"temp":${temp.toFixed(2)},"hum":${hum.toFixed(1)},"battery":${battery.toFixed(3)},"seq":${seq},"ts":${now}}`;
    }
    case 'rssi':
      return String(-40 - ((seq * 7 + index * 3) % 50));
    case 'snapshot': {
      const span = SNAPSHOT_MAX_BYTES - SNAPSHOT_MIN_BYTES;
      const size = SNAPSHOT_MIN_BYTES + ((index * 7_919 + seq * 104_729) % span);
      const head = `{"seq":${seq},"ts":${now},"format":"jpeg","data":"`;
      const bodyLength = Math.max(0, size - head.length - 2);
      const from = (seq * 977 + index * 31) % (image().length - bodyLength);
      return `${head}${image().slice(from, from + bodyLength)}"}`;
    }
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

/** Retained config of a device (JSON, ~150 bytes). */
export function configFor(device) {
  return JSON.stringify({
    interval_ms: 1000 + (device.index % 5) * 250,
    fw: `1.${device.index % 7}.${device.index % 13}`,
    site: device.base.split('/')[1],
    thresholds: { temp: [5, 35], hum: [20, 80] },
    tags: ['soak', `rack-${device.index % 40}`],
  });
}
