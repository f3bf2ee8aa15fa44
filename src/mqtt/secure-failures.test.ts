import { expect, test } from 'vitest';
import { mixedContentNodeReason, readRefusedCertificateReason, refusedCertificateReason, SecureFailures } from './secure-failures';

test('wss:// failing before any response twice in a row is explained; once is not', () => {
  const f = new SecureFailures();
  expect(f.attemptEnded('wss://broker.example:8884/mqtt', false)).toBeUndefined();
  expect(f.attemptEnded('wss://broker.example:8884/mqtt', false)).toBe(
    "wss://broker.example:8884/mqtt failed before any response, 2 times in a row: the browser may refuse the broker's certificate (open https://broker.example:8884 once to accept it, or use a trusted certificate), or nothing accepts secure connections there.",
  );
  expect(f.attemptEnded('wss://broker.example:8884/mqtt', false)).toMatch(/3 times in a row/);
});

test('a handshake that got through, ws:// URLs and other nodes do not count', () => {
  const f = new SecureFailures();
  expect(f.attemptEnded('ws://a:9001', false)).toBeUndefined();
  expect(f.attemptEnded('ws://a:9001', false)).toBeUndefined();
  f.attemptEnded('wss://a:8884', false);
  expect(f.attemptEnded('wss://a:8884', true)).toBeUndefined(); // the server answered: not a certificate problem
  expect(f.attemptEnded('wss://a:8884', false)).toBeUndefined(); // counting starts over
  expect(f.attemptEnded('wss://b:8884', false)).toBeUndefined(); // another node has its own count
  f.reset();
  expect(f.attemptEnded('wss://a:8884', false)).toBeUndefined();
});

test('gave() recognises its own hint, so a later different failure does not keep showing it', () => {
  const f = new SecureFailures();
  f.attemptEnded('wss://a:8884', false);
  const hint = f.attemptEnded('wss://a:8884', false);
  expect(f.gave(hint)).toBe(true);
  expect(f.gave('Connection lost')).toBe(false);
  expect(f.gave(undefined)).toBe(false);
});

test('readRefusedCertificateReason finds the URL and the page to open in the hint, and nothing in other reasons', () => {
  expect(readRefusedCertificateReason(refusedCertificateReason('wss://b.example:8884/mqtt', 2))).toEqual({
    url: 'wss://b.example:8884/mqtt',
    origin: 'https://b.example:8884',
  });
  expect(readRefusedCertificateReason('Connection lost')).toBeUndefined();
  expect(readRefusedCertificateReason(undefined)).toBeUndefined();
});

test('on an https page a ws:// node (next to wss:// ones) is named as blocked mixed content at once', () => {
  const f = new SecureFailures('https:');
  expect(f.attemptEnded('ws://a:9001', false)).toBe(mixedContentNodeReason('ws://a:9001'));
  expect(mixedContentNodeReason('ws://a:9001')).toBe('ws://a:9001 is blocked on this https page (mixed content: only wss:// may be opened); trying the next URL.');
  expect(f.attemptEnded('wss://b:8884', true)).toBeUndefined();
  expect(new SecureFailures('http:').attemptEnded('ws://a:9001', false)).toBeUndefined();
});
