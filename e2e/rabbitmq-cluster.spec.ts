// The RabbitMQ cluster launcher itself (e2e/fixtures/rabbitmq.ts), without the app: two nodes
// form a cluster, a message crosses from one node to the other, `stop_app` closes node 1's
// listeners while node 2 carries on, and `start_app` brings node 1 back. The app's failover on
// this cluster is tested elsewhere; this proves the ground it stands on.
import { test, expect } from './fixtures/csp.ts';
import { startRabbitCluster, type RabbitClusterHandle } from './fixtures/rabbitmq.ts';
import { subscribeCollect } from './fixtures/subscribe-collect.ts';
import { canConnect } from './fixtures/broker-process.ts';

test('a two-node RabbitMQ cluster delivers across nodes and survives stop_app/start_app of node 1', async () => {
  test.setTimeout(180_000);
  let cluster: RabbitClusterHandle | undefined;
  try {
    cluster = await startRabbitCluster();
    const [n1, n2] = cluster.nodes;
    expect(cluster.wsUrls).toEqual([n1.wsUrl, n2.wsUrl]);
    expect(n1.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);

    // A subscriber on node 2 (WebSocket) hears a publisher on node 1 (TCP).
    const sub = await subscribeCollect(n2.wsUrl, 'cluster/#', { protocolVersion: 4, qos: 1 });
    const pub = await subscribeCollect(n1.mqttUrl, 'unused/none', { protocolVersion: 4 });
    await pub.client.publishAsync('cluster/hello', 'from node 1', { qos: 1 });
    expect((await sub.waitFor((m) => m.topic === 'cluster/hello')).text).toBe('from node 1');
    await pub.close();

    // stop_app: node 1 stops listening, the Erlang node stays up, node 2 keeps working.
    await n1.stopApp();
    expect(n1.running).toBe(true);
    expect(await canConnect(n1.mqttPort)).toBe(false);
    const pub2 = await subscribeCollect(n2.mqttUrl, 'unused/none', { protocolVersion: 4 });
    await pub2.client.publishAsync('cluster/still', 'node 2 alone', { qos: 1 });
    expect((await sub.waitFor((m) => m.topic === 'cluster/still')).text).toBe('node 2 alone');
    await pub2.close();

    // start_app: node 1 is back and clustered again.
    await n1.startApp();
    const pub3 = await subscribeCollect(n1.wsUrl, 'unused/none', { protocolVersion: 4 });
    await pub3.client.publishAsync('cluster/back', 'node 1 again', { qos: 1 });
    expect((await sub.waitFor((m) => m.topic === 'cluster/back')).text).toBe('node 1 again');
    await pub3.close();
    await sub.close();

    // SIGKILL: the node's OS process is gone at once.
    await n1.kill();
    expect(n1.running).toBe(false);
    expect(await canConnect(n1.mqttPort)).toBe(false);
  } catch (err) {
    if (cluster) console.log(`--- cluster log (tail) ---\n${(await cluster.log()).split('\n').slice(-80).join('\n')}`);
    throw err;
  } finally {
    await cluster?.remove();
  }
});
