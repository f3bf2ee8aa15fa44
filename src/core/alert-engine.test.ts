import { describe, expect, it } from 'vitest';
import { AlertEngine, MAX_LOG, MAX_TOPICS_PER_RULE, type AlertLogEntry } from './alert-engine';
import type { AlertRule } from './alert-rules';
import { makeMessage, seededRandom } from './test-fixtures';

const T0 = 1_700_000_000_000;

function rule(partial: Partial<AlertRule> & Pick<AlertRule, 'filter' | 'condition'>): AlertRule {
  return { id: 'r1', enabled: true, ...partial };
}

/** An engine with the rules, and a helper sending one message per call. */
function setup(...rules: AlertRule[]) {
  const fired: AlertLogEntry[] = [];
  const engine = new AlertEngine({ onFire: (e) => fired.push(e) });
  engine.setRules(rules, T0);
  let t = T0;
  const send = (topic: string, payload: string, at?: number) => {
    t = at ?? t + 100;
    engine.onBatch([makeMessage(topic, payload, { time: t })]);
  };
  const kinds = () => engine.log.map((e) => `${e.kind} ${e.topic} ${e.value}`);
  return { engine, send, fired, kinds };
}

describe('threshold rules', () => {
  it('fires once when the value crosses, and clears only past the limit minus the hysteresis', () => {
    const { engine, send, kinds, fired } = setup(rule({ filter: 'plant/+/temp', condition: 'above', value: 30, hysteresis: 2 }));
    for (const v of ['25', '29', '31', '32', '30.5', '29', '28.5']) send('plant/a/temp', v);
    // 31 fires; 32 and 30.5 stay firing; 29 and 28.5 are inside the hysteresis band: no clear, no flap.
    expect(kinds()).toEqual(['fired plant/a/temp 31']);
    expect(engine.active).toBe(1);
    expect(fired).toHaveLength(1);
    send('plant/a/temp', '28');
    expect(kinds()).toEqual(['fired plant/a/temp 31', 'cleared plant/a/temp 28']);
    expect(engine.active).toBe(0);
    expect(engine.status('r1')?.state).toBe('ok');
  });

  it('hovering at the limit without hysteresis flaps, with hysteresis it does not', () => {
    const hover = ['30.1', '29.9', '30.1', '29.9', '30.1'];
    const flappy = setup(rule({ filter: 't', condition: 'above', value: 30 }));
    for (const v of hover) flappy.send('t', v);
    expect(flappy.engine.log).toHaveLength(5);
    const steady = setup(rule({ filter: 't', condition: 'above', value: 30, hysteresis: 0.5 }));
    for (const v of hover) steady.send('t', v);
    expect(steady.kinds()).toEqual(['fired t 30.1']);
  });

  it('below and outside a band, per topic', () => {
    const below = setup(rule({ filter: 'b/#', condition: 'below', value: 10, hysteresis: 1 }));
    below.send('b/x', '9');
    below.send('b/y', '12');
    below.send('b/x', '10.5');
    below.send('b/x', '11');
    expect(below.kinds()).toEqual(['fired b/x 9', 'cleared b/x 11']);

    const band = setup(rule({ filter: 'o', condition: 'outside', value: 10, high: 20, hysteresis: 1 }));
    for (const v of ['15', '21', '20.5', '19', '9', '10.5', '12']) band.send('o', v);
    expect(band.kinds()).toEqual(['fired o 21', 'cleared o 19', 'fired o 9', 'cleared o 12']);
  });

  it('each topic has its own state, and the log names the topic', () => {
    const { engine, send, kinds } = setup(rule({ filter: 'p/+', condition: 'above', value: 5 }));
    send('p/a', '6');
    send('p/b', '7');
    send('q/a', '100'); // not matched
    expect(kinds()).toEqual(['fired p/a 6', 'fired p/b 7']);
    expect(engine.active).toBe(2);
    expect(engine.activeTopics('r1')).toEqual(['p/a', 'p/b']);
  });

  it('reads a JSON field by path', () => {
    const { send, kinds } = setup(rule({ filter: 'w', condition: 'above', value: 30, jsonPath: 'a.temp' }));
    send('w', '{"a":{"temp":29}}');
    send('w', '{"a":{"temp":31.5}}');
    expect(kinds()).toEqual(['fired w 31.5']);
  });

  it('garbage never fires and never throws: it becomes the rule note', () => {
    const { engine, send } = setup(rule({ filter: 'g', condition: 'above', value: 30 }));
    for (const junk of ['hot', 'NaN', 'Infinity', '1e999', '', '{"v":99}', '\u0000\u0001\u00ff', '99 99']) send('g', junk);
    expect(engine.log).toEqual([]);
    expect(engine.active).toBe(0);
    expect(engine.status('r1')?.note).toMatch(/^Payload is not a number: g \(\d+ messages skipped\)$/);
    // A good value afterwards is evaluated and the note goes.
    send('g', '31');
    expect(engine.active).toBe(1);
    expect(engine.status('r1')?.note).toBeUndefined();
  });

  it('garbage keeps a firing alert firing (no false clear either)', () => {
    const { engine, send } = setup(rule({ filter: 'g', condition: 'above', value: 30 }));
    send('g', '31');
    send('g', 'oops');
    expect(engine.active).toBe(1);
    expect(engine.log).toHaveLength(1);
  });

  it('a JSON path that never matches is explained, not alarmed', () => {
    const { engine, send } = setup(rule({ filter: 'j', condition: 'above', value: 1, jsonPath: 'temperature' }));
    send('j', '{"temp":50}');
    send('j', '50');
    expect(engine.log).toEqual([]);
    expect(engine.status('r1')?.note).toMatch(/^JSON path never matched: j/);
    expect(engine.status('r1')?.state).toBe('unreadable');
    send('j', '{"temperature":"warm"}');
    expect(engine.status('r1')?.note).toMatch(/^Value at the JSON path is not a number: j/);
  });

  it('a rule stored with a bad filter or numbers is marked invalid and never evaluated', () => {
    const { engine, send } = setup(rule({ filter: 'a/#/b', condition: 'above', value: 1 }));
    send('a/x/b', '5');
    expect(engine.log).toEqual([]);
    expect(engine.status('r1')).toMatchObject({ state: 'invalid' });
    expect(engine.status('r1')?.note).toMatch(/Wildcard #/);
  });

  it('says it waits until a matching message came', () => {
    const { engine, send } = setup(rule({ filter: 'x', condition: 'above', value: 1 }));
    expect(engine.status('r1')).toMatchObject({ state: 'waiting', note: 'No message on a matching topic yet' });
    send('x', '0');
    expect(engine.status('r1')).toMatchObject({ state: 'ok' });
  });

  it('a disabled rule is not evaluated; changing a rule restarts it, an unchanged one keeps its state', () => {
    const r = rule({ filter: 'x', condition: 'above', value: 1 });
    const { engine, send } = setup(r);
    send('x', '5');
    expect(engine.active).toBe(1);
    engine.setRules([{ ...r }]);
    expect(engine.active).toBe(1);
    engine.setRules([{ ...r, enabled: false }]);
    expect(engine.active).toBe(0);
    expect(engine.status('r1')?.state).toBe('off');
    send('x', '6');
    expect(engine.log).toHaveLength(1);
    engine.setRules([{ ...r, value: 10 }]);
    send('x', '6');
    expect(engine.active).toBe(0);
  });
});

describe('equals', () => {
  it('fires while the text equals, clears when it differs; /…/ is a regular expression', () => {
    const eq = setup(rule({ filter: 'door', condition: 'equals', text: 'open' }));
    for (const p of ['closed', 'open', 'open', ' open\n', 'closed']) eq.send('door', p);
    expect(eq.kinds()).toEqual(['fired door open', 'cleared door closed']);
    const re = setup(rule({ filter: 'log', condition: 'equals', text: '/error|fail/i' }));
    for (const p of ['ok', 'Disk FAILURE', 'ok']) re.send('log', p);
    expect(re.kinds()).toEqual(['fired log Disk FAILURE', 'cleared log ok']);
    // A g flag would make test() alternate on the same text.
    const g = setup(rule({ filter: 'x', condition: 'equals', text: '/on/g' }));
    for (const p of ['on', 'on', 'on']) g.send('x', p);
    expect(g.kinds()).toEqual(['fired x on']);
  });

  it('on a JSON field', () => {
    const { kinds, send } = setup(rule({ filter: 'l', condition: 'equals', text: 'ON', jsonPath: 'state' }));
    send('l', '{"state":"OFF"}');
    send('l', '{"state":"ON"}');
    expect(kinds()).toEqual(['fired l ON']);
  });
});

describe('silent for N seconds', () => {
  it('fires after N s without a message on each topic seen, clears when it is heard again', () => {
    const { engine, send, kinds } = setup(rule({ filter: 's/+', condition: 'silent', seconds: 5 }));
    send('s/a', '1', T0);
    engine.tick(T0 + 4_999);
    expect(engine.log).toEqual([]);
    engine.tick(T0 + 5_000);
    expect(kinds()).toEqual(['fired s/a nothing for 5 s']);
    engine.tick(T0 + 9_000);
    expect(engine.log).toHaveLength(1);
    send('s/a', '2', T0 + 9_500);
    expect(kinds()).toEqual(['fired s/a nothing for 5 s', 'cleared s/a heard again']);
    expect(engine.active).toBe(0);
  });

  it('is not judged while disconnected, and counts again from the reconnect', () => {
    const { engine, send, kinds } = setup(rule({ filter: 's/+', condition: 'silent', seconds: 5 }));
    send('s/a', '1', T0);
    engine.connectionChanged(false, T0 + 1_000);
    engine.tick(T0 + 60_000);
    expect(engine.log).toEqual([]);
    engine.connectionChanged(true, T0 + 60_000);
    engine.tick(T0 + 64_999);
    expect(engine.log).toEqual([]);
    engine.tick(T0 + 65_000);
    expect(kinds()).toEqual(['fired s/a nothing for 5 s']);
  });

  it('a concrete topic that is never heard counts from when the rule started', () => {
    const { engine, kinds } = setup(rule({ filter: 'quiet/one', condition: 'silent', seconds: 3 }));
    engine.tick(T0 + 2_000);
    expect(engine.log).toEqual([]);
    engine.tick(T0 + 3_000);
    expect(kinds()).toEqual(['fired quiet/one nothing for 3 s']);
  });
});

describe('rate above', () => {
  it('counts per topic over whole seconds and clears below the limit minus the hysteresis', () => {
    const { engine, kinds } = setup(rule({ filter: 'f/#', condition: 'rate', value: 5, hysteresis: 1 }));
    const burst = (sec: number, n: number, topic = 'f/x') =>
      engine.onBatch(Array.from({ length: n }, (_, i) => makeMessage(topic, 'x', { time: T0 + sec * 1000 + i })));
    // 10 s at 8 msg/s on f/x, 1 msg/s on f/y.
    for (let s = 0; s < 10; s++) {
      burst(s, 8);
      burst(s, 1, 'f/y');
    }
    engine.tick(T0 + 10_500);
    expect(kinds()).toEqual(['fired f/x 8.0 msg/s']);
    // Then 4.5 msg/s average (45 in 10 s): inside the hysteresis, still firing; then 3 msg/s clears.
    for (let s = 10; s < 20; s++) burst(s, s % 2 ? 4 : 5);
    engine.tick(T0 + 20_500);
    expect(engine.active).toBe(1);
    for (let s = 20; s < 30; s++) burst(s, 3);
    engine.tick(T0 + 30_500);
    expect(kinds()).toEqual(['fired f/x 8.0 msg/s', 'cleared f/x 3.0 msg/s']);
  });

  it('uses a traffic model rate when one is given', () => {
    const engine = new AlertEngine({ rateOf: (t) => (t === 'm' ? 50 : undefined) });
    engine.setRules([rule({ filter: 'm', condition: 'rate', value: 10 })], T0);
    engine.onBatch([makeMessage('m', 'x', { time: T0 })]);
    engine.tick(T0 + 1_000);
    expect(engine.log.map((e) => e.value)).toEqual(['50.0 msg/s']);
  });
});

describe('last will', () => {
  it('fires on offline, clears on online, explains what it cannot read', () => {
    const { engine, send, kinds } = setup(rule({ filter: 'dev/+/status', condition: 'lastwill' }));
    send('dev/a/status', 'online');
    send('dev/a/status', 'offline');
    send('dev/b/status', '{"status":"offline"}');
    send('dev/a/status', 'banana');
    send('dev/a/status', 'online');
    expect(kinds()).toEqual(['fired dev/a/status offline', 'fired dev/b/status {"status":"offline"}', 'cleared dev/a/status online']);
    expect(engine.active).toBe(1);
  });
});

describe('fed message by message (the MQTT worker)', () => {
  it('onMessage evaluates as onBatch does, and tells listeners only when a state changed', () => {
    const engine = new AlertEngine();
    engine.setRules([rule({ filter: 'x', condition: 'above', value: 10 })], T0);
    let calls = 0;
    engine.subscribe(() => calls++);
    engine.onMessage(makeMessage('x', '5', { time: T0 }));
    expect(calls).toBe(0);
    engine.onMessage(makeMessage('x', '11', { time: T0 + 1 }));
    expect(calls).toBe(1);
    expect(engine.log.map((e) => `${e.kind} ${e.value}`)).toEqual(['fired 11']);
    expect(engine.watches('x')).toBe(true);
    expect(engine.watches('y')).toBe(false);
  });

  it('a message not known to be new (a retained replay never seen) is read by thresholds but is not silence ending', () => {
    const engine = new AlertEngine();
    engine.setRules([rule({ id: 's', filter: 'dev', condition: 'silent', seconds: 5 }), rule({ id: 't', filter: 'dev', condition: 'above', value: 1 })], T0);
    engine.tick(T0 + 5_000);
    expect(engine.status('s')?.active).toBe(1);
    engine.onMessage(makeMessage('dev', '2', { time: T0 + 6_000 }), false);
    expect(engine.status('s')?.active).toBe(1); // still silent: nothing new was heard
    expect(engine.status('t')?.active).toBe(1); // but the value was read
    engine.onMessage(makeMessage('dev', '2', { time: T0 + 7_000 }));
    expect(engine.status('s')?.active).toBe(0);
  });

  it('restoreActive carries firing pairs over (a restarted worker), so they can clear; unknown or unmatched pairs are ignored', () => {
    const engine = new AlertEngine();
    engine.setRules([rule({ filter: 'p/+', condition: 'above', value: 30, hysteresis: 2 })], T0);
    engine.restoreActive([['r1', 'p/a'], ['r1', 'q/a'], ['gone', 'p/a']], T0);
    expect(engine.active).toBe(1);
    expect(engine.log).toEqual([]);
    engine.onMessage(makeMessage('p/a', '29', { time: T0 + 1 })); // inside the hysteresis: still firing
    expect(engine.active).toBe(1);
    engine.onMessage(makeMessage('p/a', '27', { time: T0 + 2 }));
    expect(engine.log.map((e) => `${e.kind} ${e.topic} ${e.value}`)).toEqual(['cleared p/a 27']);
    expect(engine.active).toBe(0);
  });
});

describe('bounds and cost', () => {
  it('keeps at most MAX_LOG entries', () => {
    const { engine, send } = setup(rule({ filter: 'x', condition: 'above', value: 0 }));
    for (let i = 0; i < MAX_LOG * 2; i++) send('x', i % 2 ? '1' : '0');
    expect(engine.log.length).toBeLessThanOrEqual(MAX_LOG + MAX_LOG / 4);
    expect(engine.log.length).toBeGreaterThanOrEqual(MAX_LOG);
    expect(engine.log.at(-1)?.kind).toBe('fired');
  });

  it('watches at most MAX_TOPICS_PER_RULE topics per rule, and says so', () => {
    const { engine } = setup(rule({ filter: 'm/+', condition: 'above', value: 0 }));
    engine.onBatch(Array.from({ length: MAX_TOPICS_PER_RULE + 10 }, (_, i) => makeMessage(`m/${i}`, '1')));
    expect(engine.active).toBe(MAX_TOPICS_PER_RULE);
    expect(engine.status('r1')?.note).toMatch(/^Not watching every matching topic: at most 5,000 per rule/);
  });

  it('notifies once per batch, and not at all for a batch that changed nothing', () => {
    const { engine } = setup(rule({ filter: 'x', condition: 'above', value: 10 }));
    let calls = 0;
    engine.subscribe(() => calls++);
    engine.onBatch([makeMessage('x', '1'), makeMessage('x', '2')]);
    expect(calls).toBe(0);
    engine.onBatch([makeMessage('x', '11'), makeMessage('x', '1'), makeMessage('x', '12')]);
    expect(calls).toBe(1);
  });

  it('the quiet band (a topic whose rules are all thresholds on one field) changes no outcome: random values against rule-by-rule evaluation', () => {
    const rand = seededRandom(11);
    const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    const rules: AlertRule[] = Array.from({ length: 30 }, (_, i) => {
      const lo = Math.round(rand() * 20);
      const h = pick([0, 0.5, 1, 2]);
      const condition = pick(['above', 'below', 'outside'] as const);
      return rule({ id: `r${i}`, filter: 's/+', condition, value: lo, ...(condition === 'outside' ? { high: lo + 5 } : {}), ...(h ? { hysteresis: h } : {}), jsonPath: 'v' });
    });
    const banded = new AlertEngine();
    banded.setRules(rules, T0);
    // A rule of another kind on the same topics turns the band off: every rule evaluated every time.
    const plain = new AlertEngine();
    plain.setRules([...rules, rule({ id: 'other', filter: 's/+', condition: 'equals', text: 'never', jsonPath: 'w' })], T0);
    for (let i = 0; i < 5_000; i++) {
      const v = rand() < 0.05 ? pick(['"x"', 'null']) : String(pick([Math.round(rand() * 30 - 5), Math.round(rand() * 60 - 10) / 2, rand() * 25]));
      const m = makeMessage(`s/${i % 7}`, rand() < 0.02 ? 'garbage' : `{"v":${v}}`, { time: T0 + i });
      banded.onMessage(m);
      plain.onMessage(m);
    }
    const outcome = (e: AlertEngine) => e.log.filter((x) => x.ruleId !== 'other').map((x) => `${x.kind} ${x.ruleId} ${x.topic} ${x.value}`);
    expect(banded.log.length).toBeGreaterThan(100);
    expect(outcome(banded)).toEqual(outcome(plain));
    for (const r of rules) expect(banded.status(r.id), r.id).toEqual(plain.status(r.id));
  });

  it('100 rules on one filter agree with each rule evaluated alone', () => {
    const rules = Array.from({ length: 100 }, (_, i) => rule({ id: `r${i}`, filter: 'bench/t/+', condition: 'above', value: i, jsonPath: 'v' }));
    const engine = new AlertEngine();
    engine.setRules(rules, T0);
    engine.onBatch(Array.from({ length: 50 }, (_, i) => makeMessage(`bench/t/${i % 5}`, `{"v":${i}}`, { time: T0 + i })));
    for (const r of rules.slice(0, 60)) {
      const alone = new AlertEngine();
      alone.setRules([r], T0);
      alone.onBatch(Array.from({ length: 50 }, (_, i) => makeMessage(`bench/t/${i % 5}`, `{"v":${i}}`, { time: T0 + i })));
      expect(engine.status(r.id)?.active, r.id).toBe(alone.active);
    }
  });
});
