// The CDP relay of the quiet browser (quiet-browser.ts): between Playwright and Chromium's DevTools
// endpoint, it answers `Network.enable` itself (success, never forwarded, so the browser never
// reports network traffic, WebSocket frames included) and passes every other message through as
// is, in both directions (the browser's messages are not even parsed).
import { WebSocket, WebSocketServer, type RawData } from 'ws';

/** Listens on a free local port and relays each connection to `upstreamUrl` (a DevTools endpoint) as above. */
export async function startRelay(upstreamUrl: string): Promise<{ url: string; answered: () => number; close: () => Promise<void> }> {
  let answered = 0;
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: 1 << 30 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (client) => {
    const upstream = new WebSocket(upstreamUrl, { perMessageDeflate: false, maxPayload: 1 << 30 });
    const queued: string[] = [];
    upstream.on('open', () => {
      for (const m of queued.splice(0)) upstream.send(m);
    });
    upstream.on('message', (data: RawData, isBinary) => client.send(data as Buffer, { binary: isBinary }));
    upstream.on('close', () => client.close());
    upstream.on('error', () => client.close());
    client.on('message', (data: RawData) => {
      const text = data.toString();
      if (text.includes('"Network.enable"')) {
        const msg = JSON.parse(text) as { id: number; method: string; sessionId?: string };
        if (msg.method === 'Network.enable') {
          answered++;
          client.send(JSON.stringify({ id: msg.id, result: {}, ...(msg.sessionId ? { sessionId: msg.sessionId } : {}) }));
          return;
        }
      }
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else queued.push(text);
    });
    client.on('close', () => upstream.close());
  });
  const { port } = server.address() as { port: number };
  const path = new URL(upstreamUrl).pathname;
  return {
    url: `ws://127.0.0.1:${port}${path}`,
    answered: () => answered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
