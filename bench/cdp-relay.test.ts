/**
 * The quiet browser's CDP relay (cdp-relay.ts), against a stand-in DevTools endpoint: what the
 * benchmark's "no Network domain" rests on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { startRelay } from './cdp-relay.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A DevTools-like endpoint on a free port: records what reaches it, can send to the client. */
async function endpoint() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => server.once('listening', () => r()));
  cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
  const got: string[] = [];
  const paths: string[] = [];
  let socket: WebSocket | null = null;
  server.on('connection', (ws, req) => {
    socket = ws;
    paths.push(req.url ?? '');
    ws.on('message', (d) => got.push(d.toString()));
  });
  const { port } = server.address() as { port: number };
  return { url: `ws://127.0.0.1:${port}/devtools/browser/abc`, got, paths, send: (m: string) => socket!.send(m) };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

describe('CDP relay', () => {
  it('answers Network.enable itself and passes everything else through, both ways, in order', async () => {
    const up = await endpoint();
    const relay = await startRelay(up.url);
    cleanup.push(() => relay.close());
    expect(new URL(relay.url).pathname).toBe('/devtools/browser/abc');

    const client = new WebSocket(relay.url);
    cleanup.push(() => client.close());
    const answers: unknown[] = [];
    client.on('message', (d) => answers.push(JSON.parse(d.toString())));
    await new Promise<void>((r) => client.once('open', () => r()));

    const page = JSON.stringify({ id: 1, method: 'Page.enable', sessionId: 'S' });
    const net = JSON.stringify({ id: 2, method: 'Network.enable', params: {}, sessionId: 'S' });
    const browserNet = JSON.stringify({ id: 3, method: 'Network.enable' });
    // Names the method in its text without being it: forwarded.
    const evaluate = JSON.stringify({ id: 4, method: 'Runtime.evaluate', params: { expression: '"Network.enable"' }, sessionId: 'S' });
    for (const m of [page, net, browserNet, evaluate]) client.send(m);

    await until(() => up.got.length === 2 && answers.length === 2);
    expect(up.got).toEqual([page, evaluate]); // verbatim, in order; never a Network.enable
    expect(up.paths).toEqual(['/devtools/browser/abc']);
    expect(answers).toEqual([
      { id: 2, result: {}, sessionId: 'S' },
      { id: 3, result: {} },
    ]);
    expect(relay.answered()).toBe(2);

    const event = JSON.stringify({ method: 'Page.loadEventFired', params: { timestamp: 1 }, sessionId: 'S' });
    up.send(event);
    await until(() => answers.length === 3);
    expect(answers[2]).toEqual(JSON.parse(event));
  });
});
