import { Duplex } from 'node:stream';
import { WebSocket } from 'ws';

/** Bytes the WebSocket may hold unsent before writes report backpressure. */
const DEFAULT_SEND_HIGH_WATER = 1024 * 1024;

/**
 * A Duplex over a server-side WebSocket, for `aedes.handle(stream)`.
 *
 * Why not a naive bridge (or aedes' websocket-stream helper): mqtt-packet writes one MQTT packet
 * as several small chunks (fixed header, length, topic, properties, payload). Sent one by one,
 * each becomes its own WebSocket frame, and a browser pays per frame (a `message` event, a copy,
 * a parser call) — several times slower under load. mqtt-packet corks the stream while it writes a
 * packet and uncorks on the next tick, so Node hands all of a packet's chunks (and any other
 * packets written in the same tick) to `_writev` at once; we concatenate them and send ONE frame.
 *
 * Backpressure: outgoing, the write callback is deferred until ws has flushed the frame when more
 * than `sendHighWater` bytes are queued in the socket (so aedes' `write() === false` / 'drain'
 * logic works); incoming, the socket is paused when the readable side's buffer is full.
 */
export class WebSocketDuplex extends Duplex {
  /**
   * @param {WebSocket} ws an open server-side WebSocket
   * @param {{ sendHighWater?: number }} [options]
   */
  constructor(ws, { sendHighWater = DEFAULT_SEND_HIGH_WATER } = {}) {
    super({ allowHalfOpen: false, highWaterMark: 64 * 1024 });
    this.ws = ws;
    this.sendHighWater = sendHighWater;
    ws.binaryType = 'nodebuffer';

    ws.on('message', (/** @type {Buffer} */ data) => {
      if (!this.push(data)) ws.pause();
    });
    ws.on('close', () => {
      this.push(null);
      this.destroy();
    });
    ws.on('error', (err) => this.destroy(err));
  }

  _read() {
    if (this.ws.isPaused) this.ws.resume();
  }

  /**
   * @param {Buffer} chunk
   * @param {BufferEncoding} _encoding
   * @param {(err?: Error | null) => void} callback
   */
  _write(chunk, _encoding, callback) {
    this.#send(chunk, callback);
  }

  /**
   * @param {Array<{ chunk: Buffer }>} chunks
   * @param {(err?: Error | null) => void} callback
   */
  _writev(chunks, callback) {
    const data = chunks.length === 1 ? chunks[0].chunk : Buffer.concat(chunks.map((c) => c.chunk));
    this.#send(data, callback);
  }

  /**
   * @param {Buffer} data
   * @param {(err?: Error | null) => void} callback
   */
  #send(data, callback) {
    const { ws } = this;
    if (ws.readyState !== WebSocket.OPEN) {
      callback(new Error('WebSocket is not open'));
      return;
    }
    let called = false;
    ws.send(data, { binary: true }, (err) => {
      // Errors also surface as ws 'error'/'close', which destroy this stream.
      if (!called) {
        called = true;
        callback(err ?? null);
      }
    });
    if (!called && ws.bufferedAmount <= this.sendHighWater) {
      called = true;
      callback();
    }
  }

  /** @param {(err?: Error | null) => void} callback */
  _final(callback) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    callback();
  }

  /**
   * @param {Error | null} err
   * @param {(err?: Error | null) => void} callback
   */
  _destroy(err, callback) {
    const { ws } = this;
    if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) {
      if (err) ws.terminate();
      else ws.close(1000);
    }
    callback(err);
  }
}
