import { describe, expect, it } from 'vitest';
import { CLOSE_WITHOUT_CONNACK_MS, FALLBACK_CLOSED, FALLBACK_REFUSED, versionFallback } from './version-fallback';

const base = { protocolVersion: 5 as const, connack: false, socketOpened: true, transportError: false, elapsedMs: 40 };

describe('versionFallback', () => {
  it.each([
    ['MQTT 5 closed without CONNACK, quickly (RabbitMQ 3.10)', base, FALLBACK_CLOSED],
    ['refused: unacceptable protocol version (3.1.1 code 1)', { ...base, connack: true, connackCode: 1 }, FALLBACK_REFUSED],
    ['refused: unsupported protocol version (5 code 132)', { ...base, connack: true, connackCode: 132 }, FALLBACK_REFUSED],
    ['accepted', { ...base, connack: true, connackCode: 0 }, undefined],
    ['refused for bad credentials', { ...base, connack: true, connackCode: 134 }, undefined],
    ['the transport failed (broker down, 404, TLS)', { ...base, socketOpened: false, transportError: true }, undefined],
    ['the WebSocket never opened', { ...base, socketOpened: false }, undefined],
    ['the WebSocket opened, then failed with an error', { ...base, transportError: true }, undefined],
    ['closed only after the connect timed out (silent broker)', { ...base, elapsedMs: CLOSE_WITHOUT_CONNACK_MS + 1 }, undefined],
    ['already on 3.1.1: closed without CONNACK', { ...base, protocolVersion: 4 as const }, undefined],
    ['already on 3.1.1: refused', { ...base, protocolVersion: 4 as const, connack: true, connackCode: 1 }, undefined],
  ])('%s', (_name, attempt, expected) => {
    expect(versionFallback(attempt)).toBe(expected);
  });
});
