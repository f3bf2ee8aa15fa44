import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../core/dynsec';
import { DynsecModel, type DynsecTransport } from './dynsec-model';

interface Sent {
  commands: { command: string; correlationData: string; username?: string }[];
}

/** A fake broker: records what was published; the test decides what comes back. */
function fakeBroker(publishResult: { ok: boolean; error?: string } = { ok: true }) {
  const sent: Sent[] = [];
  let listener: ((text: string) => void) | null = null;
  const transport: DynsecTransport = {
    publish: async (payload) => {
      sent.push(JSON.parse(payload) as Sent);
      return publishResult;
    },
    onResponse: (fn) => {
      listener = fn;
      return () => (listener = null);
    },
  };
  /** Answers the n-th request: each command gets its data or error (by command name). */
  const answer = (n: number, byCommand: Record<string, object> = {}) => {
    const responses = sent[n]!.commands.map((c) => ({ command: c.command, correlationData: c.correlationData, ...(byCommand[c.command] ?? {}) }));
    listener?.(JSON.stringify({ responses }));
  };
  return { sent, transport, answer, emit: (text: string) => listener?.(text) };
}

const LISTS = {
  listClients: { data: { clients: [{ username: 'admin', roles: [{ rolename: 'admin' }], groups: [] }] } },
  listGroups: { data: { groups: [] } },
  listRoles: { data: { roles: [{ rolename: 'admin', acls: [] }] } },
};

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('DynsecModel', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads the three lists and tags every command with its own correlationData', async () => {
    const b = fakeBroker();
    const m = new DynsecModel(b.transport);
    const seen: number[] = [];
    m.subscribe(() => seen.push(m.version));
    const loading = m.load();
    expect(m.state).toBe('loading');
    await flush();
    const corr = b.sent[0]!.commands.map((c) => c.correlationData);
    expect(new Set(corr).size).toBe(3);
    b.answer(0, LISTS);
    await loading;
    expect(m.state).toBe('ready');
    expect(m.clients.map((c) => c.username)).toEqual(['admin']);
    expect(m.roles.map((r) => r.rolename)).toEqual(['admin']);
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });

  it('ignores answers to other admins (foreign or missing correlationData)', async () => {
    const b = fakeBroker();
    const m = new DynsecModel(b.transport);
    void m.load();
    await flush();
    b.emit(JSON.stringify({ responses: [{ command: 'listClients', data: { clients: ['intruder'] } }, { command: 'listClients', correlationData: 'other-1.0', data: { clients: ['x'] } }] }));
    expect(m.state).toBe('loading');
    expect(m.clients).toEqual([]);
  });

  it('asks again when nothing comes back, then explains that the broker stayed silent', async () => {
    const b = fakeBroker();
    const m = new DynsecModel(b.transport, { answerMs: 1000, loadAttempts: 3, runMs: 1000 });
    const loading = m.load();
    await vi.advanceTimersByTimeAsync(3100);
    await loading;
    expect(b.sent).toHaveLength(3);
    expect(m.state).toBe('unavailable');
    expect(m.problem).toMatch(/did not answer on \$CONTROL\/dynamic-security\/v1/);
    // A late answer to an earlier attempt still counts.
    b.answer(0, LISTS);
    expect(m.state).toBe('ready');
    expect(m.problem).toBe('');
  });

  it('says within a second that it is still waiting, and which ask this is', async () => {
    const b = fakeBroker();
    const m = new DynsecModel(b.transport, { answerMs: 4000, loadAttempts: 3, runMs: 8000 });
    const loading = m.load();
    await flush();
    expect([m.attempt, m.waitingLong]).toEqual([1, false]);
    await vi.advanceTimersByTimeAsync(1000);
    expect([m.attempt, m.waitingLong]).toEqual([1, true]);
    await vi.advanceTimersByTimeAsync(3000);
    expect([m.attempt, m.waitingLong]).toEqual([2, true]);
    await vi.advanceTimersByTimeAsync(8000);
    await loading;
    expect([m.state, m.attempt, m.waitingLong]).toEqual(['unavailable', 0, false]);
    expect(m.problem).toBe('dynamic security is a Mosquitto plugin; this broker did not answer on $CONTROL/dynamic-security/v1 (asked 3 times, waiting 4 s each).');
  });

  it('stops asking when the broker names itself as not Mosquitto, and says so', async () => {
    const b = fakeBroker();
    const m = new DynsecModel(b.transport, { answerMs: 1000, loadAttempts: 3, runMs: 1000 });
    const loading = m.load();
    await flush();
    m.notOffered('aedes 1.2.0');
    await vi.advanceTimersByTimeAsync(5000);
    await loading;
    expect(b.sent).toHaveLength(1); // no second or third ask
    expect([m.state, m.foreignBroker, m.waitingLong]).toEqual(['unavailable', 'aedes 1.2.0', false]);
    expect(m.problem).toBe('dynamic security is a Mosquitto plugin; this broker (aedes 1.2.0) does not offer it.');
  });

  it('reports an error response instead of waiting', async () => {
    const b = fakeBroker();
    const m = new DynsecModel(b.transport);
    const loading = m.load();
    await flush();
    b.answer(0, { ...LISTS, listClients: { error: 'Permission denied' } });
    await loading;
    expect(m.state).toBe('unavailable');
    expect(m.problem).toBe('the broker refused listClients: Permission denied.');
  });

  it('stops at once when the command message was refused', async () => {
    const b = fakeBroker({ ok: false, error: 'Publish error: Not authorized' });
    const m = new DynsecModel(b.transport);
    await m.load();
    expect(b.sent).toHaveLength(1);
    expect(m.problem).toBe('the broker refused the command message on $CONTROL/dynamic-security/v1 (Publish error: Not authorized).');
  });

  it('runs a change followed by fresh lists in the same message, and returns its error', async () => {
    const b = fakeBroker();
    const m = new DynsecModel(b.transport);
    const ok = m.run([createClient('bob', 'pw')]);
    await flush();
    expect(b.sent[0]!.commands.map((c) => c.command)).toEqual(['createClient', 'listClients', 'listGroups', 'listRoles']);
    b.answer(0, LISTS);
    await expect(ok).resolves.toEqual({ ok: true });

    const bad = m.run([createClient('admin', 'pw')]);
    await flush();
    b.answer(1, { ...LISTS, createClient: { error: 'Client already exists' } });
    await expect(bad).resolves.toEqual({ ok: false, error: 'The broker refused createClient: Client already exists.' });
  });

  it('gives up on a change after the timeout with words, not silence', async () => {
    const b = fakeBroker();
    const m = new DynsecModel(b.transport, { answerMs: 1000, loadAttempts: 1, runMs: 2000 });
    const r = m.run([createClient('bob', 'pw')]);
    await vi.advanceTimersByTimeAsync(2100);
    await expect(r).resolves.toEqual({ ok: false, error: 'No answer within 2 s: this broker did not answer on $CONTROL/dynamic-security/v1.' });
  });
});
