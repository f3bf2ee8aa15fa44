// Publisher for the million-topics run (bench/million.bench.ts): topics 0 … count−1 of
// bench/million-topics.js, one small QoS 0 message each, at a fixed offered rate (a deficit
// schedule every 10 ms, so timer jitter never lowers the average), over mqtt.js and plain TCP.
//
//   node bench/million-publisher.js mqtt://127.0.0.1:1883 [count=1000000] [rate=20000]
//
// Prints one JSON line when everything has left the process: { sent, seconds, rate }.
import mqtt from 'mqtt';
import { millionPayload, millionTopic } from './million-topics.js';

const [url, countArg = '1000000', rateArg = '20000'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node bench/million-publisher.js mqtt://host:port [count] [rate]');
  process.exit(2);
}
const count = Number(countArg);
const rate = Number(rateArg);

const client = await mqtt.connectAsync(url, {
  clientId: `switchyard-bench-million-${process.pid}`,
  protocolVersion: 4,
  clean: true,
  reconnectPeriod: 0,
});
/** Resolves once the socket has written out all but `left` bytes (polled: 'drain' only follows a refused write). */
const drained = async (left = 0) => {
  while (client.stream.writableLength > left) {
    if (!client.connected) throw new Error('publisher: the broker closed the connection');
    await new Promise((r) => setTimeout(r, 5));
  }
};

const t0 = performance.now();
let sent = 0;
while (sent < count) {
  const due = Math.min(count, Math.floor(((performance.now() - t0) / 1000) * rate));
  while (sent < due) {
    client.publish(millionTopic(sent), millionPayload(sent), { qos: 0 });
    sent++;
  }
  // Never more than a socket's worth ahead of the broker.
  if (client.stream.writableLength > 1 << 20) await drained(1 << 18);
  else await new Promise((r) => setTimeout(r, 10));
}
await drained();
const seconds = (performance.now() - t0) / 1000;
await client.endAsync();
console.log(JSON.stringify({ sent, seconds: Math.round(seconds * 10) / 10, rate: Math.round(sent / seconds) }));
