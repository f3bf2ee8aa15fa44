// Vite plugin for the MQTT worker's build (vite.config.ts, `worker.plugins`): mqtt.js built from
// its own modules instead of its prebuilt browser bundle (mqtt/dist/mqtt.esm.js).
//
// The prebuilt bundle carries browser copies of much of Node (process, buffer, events, streams,
// util.inspect, path, url with punycode and a query-string library, …) plus worker-timers and
// its own inner worker, for every environment mqtt.js supports. The worker needs less: this
// bundles mqtt.js's CommonJS build (mqtt/build) with
//   - the same browser builds of process, buffer, events and readable-stream that mqtt.js's
//     dependencies ask for (npm packages `process`, `buffer`, `events`, `readable-stream`);
//     `process` and `Buffer`, which mqtt.js uses as globals, are set by src/mqtt/shims/node-globals.ts;
//   - src/mqtt/shims/url.ts for `url` (Node's url.parse, checked against Node by url.test.ts);
//   - src/mqtt/shims/debug.cjs for `debug` (mqtt.js's logging, always off in a worker);
//   - src/mqtt/shims/worker-timers.ts (a worker uses the native timers anyway);
//   - src/mqtt/shims/lru-cache.ts for `lru-cache` (a Map-based LRU with the part of its API
//     mqtt.js's topic-alias-send.js uses, checked against the package by lru-cache.test.ts);
//   - src/mqtt/shims/empty.ts for what only Node reaches: net, tls, dns, socks, the ws package,
//     and mqtt's tcp, tls and socks connectors; and for its wx:// and ali:// connectors (WeChat
//     and Alipay mini-programs: the app only connects to ws:// and wss://, src/lib/broker-url.ts);
//   - of mqtt's package.json only its version (mqtt.js reads nothing else of it).
// Only the production build uses it (`apply: 'build'`): the dev server keeps the prebuilt
// bundle, and unit tests run mqtt.js in Node as it is.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shims = path.join(root, 'src', 'mqtt', 'shims');
const mqttDir = path.dirname(require.resolve('mqtt/package.json'));
const mqttBuild = path.join(mqttDir, 'build');
const mqttPackageJson = path.join(mqttDir, 'package.json');
const ENTRY = '\0lean-mqtt';
const VERSION = '\0lean-mqtt-version';


const empty = path.join(shims, 'empty.ts');
/** Bare imports inside mqtt.js (and its dependencies) that are replaced. */
const replaced = {
  url: path.join(shims, 'url.ts'),
  debug: path.join(shims, 'debug.cjs'),
  'worker-timers': path.join(shims, 'worker-timers.ts'),
  'lru-cache': path.join(shims, 'lru-cache.ts'),
  net: empty,
  tls: empty,
  dns: empty,
  socks: empty,
  ws: empty,
};
/** mqtt's own Node-only connectors (reached only when not in a browser). */
// wx/ali: WeChat and Alipay mini-program sockets (wx://, ali:// URLs, which the app never uses).
const nodeOnly = new Set(['tcp.js', 'tls.js', 'socks.js', 'wx.js', 'ali.js'].map((f) => path.join(mqttBuild, 'lib', 'connect', f)));

/** @returns {import('vite').Plugin} */
export function leanMqtt() {
  return {
    name: 'switchyard-lean-mqtt',
    apply: 'build',
    enforce: 'pre',
    async resolveId(id, importer) {
      if (id === 'mqtt' && importer && !importer.startsWith(mqttDir)) return ENTRY;
      if (!importer) return null;
      const fromMqttOrDeps = importer === ENTRY || importer.includes(`${path.sep}node_modules${path.sep}`);
      if (!fromMqttOrDeps) return null;
      if (Object.hasOwn(replaced, id)) return replaced[id];
      if (id.startsWith('.')) {
        const file = path.resolve(path.dirname(importer), id);
        for (const candidate of [file, `${file}.js`]) if (nodeOnly.has(candidate)) return empty;
        if (file === mqttPackageJson) return VERSION;
      }
      return null;
    },
    load(id) {
      if (id === ENTRY) {
        // node-globals first: mqtt.js reads `process` while its modules load.
        return [
          `import ${JSON.stringify(path.join(shims, 'node-globals.ts'))};`,
          `import mqtt from ${JSON.stringify(path.join(mqttBuild, 'index.js'))};`,
          'export default mqtt;',
        ].join('\n');
      }
      if (id === VERSION) return `export const version = ${JSON.stringify(require(mqttPackageJson).version)};`;
      return null;
    },
  };
}
