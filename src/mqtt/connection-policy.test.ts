import { describe, expect, test } from 'vitest';
import {
  backoffDelay,
  fatalConnackText,
  isFatalConnack,
  reasonText,
  TakeoverDetector,
  BACKOFF_MAX_MS,
  ConnectionDrops,
  STABLE_CONNECTION_MS,
} from './connection-policy';

describe('backoffDelay', () => {
  test('grows exponentially from about 1 s and never exceeds 30 s', () => {
    const lo = () => 0;
    const hi = () => 0.999999;
    expect(backoffDelay(0, lo)).toBe(500);
    expect(backoffDelay(0, hi)).toBe(1000);
    expect(backoffDelay(1, hi)).toBe(2000);
    expect(backoffDelay(3, hi)).toBe(8000);
    for (let a = 0; a < 40; a++) {
      expect(backoffDelay(a, hi)).toBeLessThanOrEqual(BACKOFF_MAX_MS);
      expect(backoffDelay(a, lo)).toBeGreaterThanOrEqual(500);
    }
    expect(backoffDelay(20, hi)).toBe(30000);
  });

  test('jitter spreads delays between half and the full step', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) seen.add(backoffDelay(4));
    expect(seen.size).toBeGreaterThan(10);
    for (const d of seen) {
      expect(d).toBeGreaterThanOrEqual(8000);
      expect(d).toBeLessThanOrEqual(16000);
    }
  });
});

describe('connack classification', () => {
  test.each([
    [4, 4, true],
    [5, 4, true],
    [3, 4, false],
    [134, 5, true],
    [135, 5, true],
    [136, 5, false],
    [137, 5, false],
  ] as const)('code %i on v%i fatal=%s', (code, v, fatal) => {
    expect(isFatalConnack(code, v)).toBe(fatal);
  });

  test('reason texts are the broker wording', () => {
    expect(reasonText(5, 4)).toMatch(/not authorized/i);
    expect(reasonText(134, 5)).toBe('Bad user name or password');
    expect(reasonText(999, 5)).toBe('Reason code 999');
  });
});

describe('TakeoverDetector', () => {
  test('three quick drops within a minute mean a takeover loop', () => {
    const d = new TakeoverDetector();
    expect(d.recordDrop(0, 1000)).toBe(false);
    expect(d.recordDrop(3000, 4000)).toBe(false);
    expect(d.recordDrop(6000, 7000)).toBe(true);
  });

  test('a long-lived connection resets the count', () => {
    const d = new TakeoverDetector();
    d.recordDrop(0, 1000);
    d.recordDrop(2000, 3000);
    expect(d.recordDrop(4000, 60_000)).toBe(false);
    expect(d.recordDrop(61_000, 62_000)).toBe(false);
  });

  test('drops spread over more than the window do not count', () => {
    const d = new TakeoverDetector();
    d.recordDrop(0, 1000);
    d.recordDrop(40_000, 41_000);
    expect(d.recordDrop(100_000, 101_000)).toBe(false);
  });
});

describe('ConnectionDrops: a takeover only on evidence', () => {
  /** Connections the broker closes `lived` ms after accepting them, one every `every` ms. */
  function drops(d: ConnectionDrops, n: number, chosen: boolean, lived = 1000, every = 3000) {
    const out = [];
    for (let i = 1; i <= n; i++) out.push(d.onClose(i * every, i * every + lived, chosen));
    return out;
  }

  test('a generated client ID is never reported as taken over, however often the broker drops it', () => {
    const verdicts = drops(new ConnectionDrops(), 20, false);
    expect(verdicts.some((x) => x.takeover)).toBe(false);
  });

  test('a chosen client ID: three quick drops are read as a takeover loop', () => {
    expect(drops(new ConnectionDrops(), 3, true).map((x) => x.takeover)).toEqual([false, false, true]);
  });

  test('quick drops keep the backoff growing and, from the second, say the broker keeps closing the connection', () => {
    const verdicts = drops(new ConnectionDrops(), 5, false);
    expect(verdicts.every((x) => !x.resetBackoff)).toBe(true);
    expect(verdicts[0].reason).toBeUndefined();
    expect(verdicts[1].reason).toMatch(/broker keeps closing the connection/);
    expect(verdicts[4].reason).toMatch(/5 times in a row/);
    for (const x of verdicts) expect(x.reason ?? '').not.toMatch(/client id/i);
  });

  test('a connection that stayed up long enough starts the backoff over and clears the count', () => {
    const d = new ConnectionDrops();
    drops(d, 3, false);
    expect(d.onClose(100_000, 100_000 + STABLE_CONNECTION_MS, false)).toEqual({ resetBackoff: true, takeover: false });
    expect(d.onClose(200_000, 200_500, false).reason).toBeUndefined();
  });

  test('a connection that was never accepted is just a failed attempt', () => {
    expect(new ConnectionDrops().onClose(0, 5000, true)).toEqual({ resetBackoff: false, takeover: false });
  });
});

describe('fatalConnackText', () => {
  test('adds what may help to "not authorized" when no username was sent, on both versions', () => {
    expect(fatalConnackText(135, 5, false)).toBe(
      'Not authorized (no username was sent: this broker may want one; some, like ejabberd with anonymous login, accept any username and password)',
    );
    expect(fatalConnackText(5, 4, false)).toMatch(/^Connection refused: not authorized \(no username was sent/);
  });

  test('is the plain reason with a username, and for other codes', () => {
    expect(fatalConnackText(135, 5, true)).toBe('Not authorized');
    expect(fatalConnackText(134, 5, false)).toBe('Bad user name or password');
    expect(fatalConnackText(4, 4, false)).toBe('Connection refused: bad user name or password');
  });
});
