/**
 * The worker's lazy handle on alert rules (alert-control.ts): nothing loads without a rule, and
 * what arrives while the engine loads is still evaluated (a retained replay may come only once).
 */
import { describe, expect, it } from 'vitest';
import { AlertControl } from './alert-control';
import type { AlertsEvent } from './alert-protocol';
import type { IncomingMessage } from './batcher';

const msg = (topic: string, text: string): IncomingMessage => ({ topic, payload: new TextEncoder().encode(text), qos: 0, retain: true, replay: true, time: Date.now() });

describe('AlertControl', () => {
  it('loads no engine while there are no rules', async () => {
    const posted: AlertsEvent[] = [];
    const control = new AlertControl((ev) => posted.push(ev));
    control.command({ type: 'alert-rules', rules: [] });
    control.add(msg('a', '1'));
    control.flushed();
    await new Promise((r) => setTimeout(r, 50));
    expect(posted).toEqual([]);
  });

  it('evaluates the messages that came while its engine loaded', async () => {
    const posted: AlertsEvent[] = [];
    let done: () => void;
    const fired = new Promise<void>((r) => (done = r));
    const control = new AlertControl((ev) => {
      posted.push(ev);
      if (ev.report.entries.length) done();
    });
    control.connectionChanged(true);
    control.command({ type: 'alert-rules', rules: [{ id: 'v', filter: '$SYS/broker/version', condition: 'equals', text: '/^mosquitto/', enabled: true }] });
    control.add(msg('$SYS/broker/version', 'mosquitto version 2.0.11')); // before the engine is there
    await fired;
    expect(posted.flatMap((e) => e.report.entries).map((e) => `${e.kind} ${e.topic}`)).toEqual(['fired $SYS/broker/version']);
    control.command({ type: 'alert-rules', rules: [] }); // stops its clock
  });
});
