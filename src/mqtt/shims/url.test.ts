// The worker's url.parse (shims/url.ts) against Node's own legacy url.parse, field by field, on
// the broker URLs the app can connect to (ws:// and wss:// that src/lib/broker-url.ts accepts).
import { describe, expect, it } from 'vitest';
import { parse as nodeParse } from 'node:url';
import { parse } from './url';
import { validateBrokerUrl } from '../../lib/broker-url';

const FIELDS = ['protocol', 'slashes', 'auth', 'host', 'port', 'hostname', 'hash', 'search', 'query', 'pathname', 'path'] as const;

function fields(u: object) {
  const r = u as Record<string, unknown>;
  return Object.fromEntries(FIELDS.map((k) => [k, k === 'query' && r.query && typeof r.query === 'object' ? { ...(r.query as object) } : r[k]]));
}

const CORPUS = [
  'ws://localhost:9001',
  'ws://localhost:9001/',
  'ws://127.0.0.1:9001/mqtt',
  'wss://broker.example.com/mqtt',
  'wss://broker.example.com:8884/mqtt',
  'WS://LocalHost:9001/MQTT?clientId=a&x=1&x=2#frag',
  'ws://[::1]:9001/mqtt',
  'ws://[::1]',
  'wss://[2001:db8::7]:443/ws?x',
  'ws://h:80',
  'ws://h:/p',
  'ws://h:09001',
  'ws://1.2.3.4:0/x',
  "ws://h/a|b^c'd\"e",
  'ws://h/a%20b',
  'ws://h/a b',
  'ws://h?q',
  'ws://h/p?',
  'ws://h/p?#',
  'ws://h/ä',
  'ws://bücher.de/',
  'ws://BÜCHER.de:1/x',
  'ws://h/a\\b?c\\d',
  ' ws://h/ ',
  '\tws://h/\n',
  'ws://h/p?clientId=abc%20def&clientId=2',
  'ws://h/p?clientId=a+b&k=%E2%82%AC&bad=%zz&half=%E2%82',
  'ws://h/p?=v&k=&&k2',
  'ws://h/{x}/`y`/<z>',
  'ws://h/p#a#b?c',
  'ws://h.example.com./p',
  'ws://a_b.example.com/',
  'ws://h/p;x=1',
  'ws://h:65535/%2F%3F',
  'wss://xn--bcher-kva.de/',
  'ws://h/' + 'x'.repeat(300),
];

describe('url.parse for the worker (legacy Node semantics)', () => {
  it.each(CORPUS)('%s', (url) => {
    expect(fields(parse(url, true))).toEqual(fields(nodeParse(url, true)));
    expect(fields(parse(url))).toEqual(fields(nodeParse(url)));
  });

  it('agrees with Node on generated broker URLs the app accepts', () => {
    // Deterministic pseudo-random URLs from pieces that matter to the parser.
    let seed = 12345;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const pick = <T,>(xs: readonly T[]) => xs[rnd(xs.length)];
    const hosts = ['localhost', 'H.Example.COM', '[::1]', '[fe80::1%25eth0]', '10.0.0.1', 'bücher.de', 'a-b_c.d', 'x.', '1.2.3', 'h~x', "h'x", 'h!x', 'h$x', 'h&x', 'h(x)', 'h*x', 'h,x', 'h;x', 'h=x', 'h{x}', 'h`x'];
    const ports = ['', ':', ':1', ':9001', ':080', ':65535'];
    const chars = ['a', 'Z', '/', '?', '#', '&', '=', '+', '%', '%2', '%41', '%zz', ' ', '|', '^', "'", '"', '<', '>', '`', '{', '}', '\\', ';', ':', '@', '!', '$', '(', ')', '*', ',', '~', 'é', '€', '😀', '.', '..', '-', '_'];
    let compared = 0;
    for (let i = 0; i < 5000; i++) {
      let tail = '';
      for (let n = rnd(12); n > 0; n--) tail += pick(chars);
      const url = `${pick(['ws', 'wss', 'WS', 'Wss'])}://${pick(hosts)}${pick(ports)}${pick(['', '/', '/mqtt', '?', '#'])}${tail}`;
      if (validateBrokerUrl(url) !== undefined) continue;
      compared++;
      expect(fields(parse(url, true)), url).toEqual(fields(nodeParse(url, true)));
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
