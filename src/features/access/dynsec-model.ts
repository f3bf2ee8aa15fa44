/**
 * The dynamic-security state of the connected broker, kept outside React: lists of
 * clients, groups and roles, whether the broker answers at all, and the requests in
 * flight (matched to answers by correlationData). Components read it through
 * useModel (core/emitter.ts); nothing here changes per message of ordinary traffic.
 */
import {
  encodeCommands,
  listCommands,
  parseClients,
  parseGroups,
  parseResponses,
  parseRoles,
  DYNSEC_TOPIC,
  type DynsecClient,
  type DynsecCommand,
  type DynsecGroup,
  type DynsecResponse,
  type DynsecRole,
} from '../../core/dynsec';
import { VersionedEmitter } from '../../core/emitter';

export interface DynsecTransport {
  /** Publishes a command message; resolves with the broker's acknowledgement (or why not sent). */
  publish(payload: string): Promise<{ ok: boolean; error?: string }>;
  /** Calls fn with the text of each message on the response topic. */
  onResponse(fn: (text: string) => void): () => void;
}

export type DynsecState = 'idle' | 'loading' | 'ready' | 'unavailable';
export type RunResult = { ok: true } | { ok: false; error: string };

interface Pending {
  ids: Set<string>;
  got: DynsecResponse[];
  resolve: (r: DynsecResponse[] | string) => void;
  timer: ReturnType<typeof setTimeout>;
}

export const NO_ANSWER = `this broker did not answer on ${DYNSEC_TOPIC}`;
/** Why a broker may stay silent: said with every "did not answer". */
export const MOSQUITTO_PLUGIN = 'dynamic security is a Mosquitto plugin';

export class DynsecModel extends VersionedEmitter {
  state: DynsecState = 'idle';
  /** Why the lists cannot be shown (state 'unavailable'). */
  problem = '';
  /** While a first load waits: which ask this is (1-based), and whether it has waited noticeably. */
  attempt = 0;
  waitingLong = false;
  /** Set by notOffered(): the broker said who it is, and it is not Mosquitto. */
  foreignBroker = '';
  clients: DynsecClient[] = [];
  groups: DynsecGroup[] = [];
  roles: DynsecRole[] = [];
  private pending = new Map<string, Pending>();
  private seq = 0;
  private readonly prefix = `switchyard-${Math.random().toString(36).slice(2, 8)}`;
  private detach: (() => void) | null = null;
  private loadRun = 0;

  constructor(
    private readonly transport: DynsecTransport,
    /** How long to wait for one answer, and how many times a first load asks. */
    readonly timing: { answerMs: number; loadAttempts: number; runMs: number; hintMs?: number } = { answerMs: 4000, loadAttempts: 3, runMs: 8000 },
  ) {
    super();
  }

  private attach() {
    this.detach ??= this.transport.onResponse((text) => this.onText(text));
  }

  private onText(text: string) {
    let listsChanged = false;
    for (const r of parseResponses(text)) {
      const corr = r.correlationData;
      if (!corr || !corr.startsWith(`${this.prefix}-`)) continue; // another admin's conversation
      // List answers are applied even when they arrive after their request gave up.
      if (!r.error && r.command === 'listClients') {
        this.clients = parseClients(r.data);
        listsChanged = true;
      }
      if (!r.error && r.command === 'listGroups') {
        this.groups = parseGroups(r.data);
        listsChanged = true;
      }
      if (!r.error && r.command === 'listRoles') {
        this.roles = parseRoles(r.data);
        listsChanged = true;
      }
      const reqId = corr.slice(0, corr.lastIndexOf('.'));
      const p = this.pending.get(reqId);
      if (!p || !p.ids.delete(corr)) continue;
      p.got.push(r);
      if (p.ids.size === 0) {
        clearTimeout(p.timer);
        this.pending.delete(reqId);
        p.resolve(p.got);
      }
    }
    if (listsChanged) {
      this.state = 'ready';
      this.problem = '';
      this.attempt = 0;
      this.waitingLong = false;
      this.foreignBroker = '';
      this.changed();
    }
  }

  /** Sends commands in one message; resolves with their answers, or a string saying what went wrong. */
  private request(commands: DynsecCommand[], timeoutMs: number): Promise<DynsecResponse[] | string> {
    this.attach();
    const reqId = `${this.prefix}-${++this.seq}`;
    const tagged = commands.map((c, i) => ({ ...c, correlationData: `${reqId}.${i}` }));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(reqId);
        resolve(`No answer within ${Math.round(timeoutMs / 1000)} s: ${NO_ANSWER}.`);
      }, timeoutMs);
      this.pending.set(reqId, { ids: new Set(tagged.map((c) => c.correlationData)), got: [], resolve, timer });
      void this.transport.publish(encodeCommands(tagged)).then((r) => {
        if (r.ok || !this.pending.has(reqId)) return;
        clearTimeout(timer);
        this.pending.delete(reqId);
        const why = (r.error ?? 'refused').replace(/\.$/, '');
        // "Not connected: nothing was sent" stays as it is; anything else is the broker saying no.
        resolve(/^Not /.test(why) ? `${why}.` : `the broker refused the command message on ${DYNSEC_TOPIC} (${why}).`);
      });
    });
  }

  /** Forgets what was shown (e.g. a new connection) and asks again. */
  reset(): void {
    this.state = 'idle';
    this.problem = '';
    this.clients = [];
    this.groups = [];
    this.roles = [];
    this.foreignBroker = '';
    this.changed();
  }

  /**
   * The broker's $SYS/broker/version names another broker than Mosquitto: stop asking, and say
   * so (nothing answers on $CONTROL there). Lists already shown are kept.
   */
  notOffered(version: string): void {
    if (this.state === 'ready' || this.foreignBroker === version) return;
    this.loadRun++; // the load in progress gives up
    this.attempt = 0;
    this.waitingLong = false;
    this.foreignBroker = version;
    this.state = 'unavailable';
    this.problem = `${MOSQUITTO_PLUGIN}; this broker (${version}) does not offer it.`;
    this.changed();
  }

  /** Asks for the three lists; a first load retries a few times before declaring the broker silent. */
  async load(): Promise<void> {
    const run = ++this.loadRun;
    const first = this.state !== 'ready';
    if (first) {
      this.state = 'loading';
      this.changed();
    }
    const attempts = first ? this.timing.loadAttempts : 1;
    this.foreignBroker = '';
    this.waitingLong = false;
    // Within a second of silence the view says what is being tried and why it may not answer.
    const hint = first
      ? setTimeout(() => {
          if (run !== this.loadRun || this.state !== 'loading') return;
          this.waitingLong = true;
          this.changed();
        }, this.timing.hintMs ?? 1000)
      : undefined;
    const answered = () => {
      clearTimeout(hint);
      this.attempt = 0;
      this.waitingLong = false;
    };
    let failure = '';
    for (let i = 0; i < attempts; i++) {
      if (first) {
        this.attempt = i + 1;
        if (i > 0) this.changed();
      }
      const answer = await this.request(listCommands(), this.timing.answerMs);
      if (run !== this.loadRun) return clearTimeout(hint); // a newer load took over
      if (typeof answer !== 'string') {
        answered();
        const err = answer.find((r) => r.error);
        if (!err) return; // applied in onText
        failure = `the broker refused ${err.command}: ${err.error}.`;
        break;
      }
      if (!answer.startsWith('No answer')) {
        failure = answer;
        break;
      }
      failure = `${MOSQUITTO_PLUGIN}; ${NO_ANSWER} (asked ${i + 1} time${i ? 's' : ''}, waiting ${Math.round(this.timing.answerMs / 1000)} s each).`;
    }
    answered();
    // A refresh that fails keeps the lists shown, with the reason next to them.
    if (!first && this.state === 'ready') this.problem = failure;
    else {
      this.state = 'unavailable';
      this.problem = failure;
    }
    this.changed();
  }

  /** Runs commands (then refreshes the lists in the same message); the first error wins. */
  async run(commands: DynsecCommand[]): Promise<RunResult> {
    const answer = await this.request([...commands, ...listCommands()], this.timing.runMs);
    if (typeof answer === 'string') return { ok: false, error: answer };
    const err = answer.find((r) => r.error && commands.some((c) => c.command === r.command));
    if (err) return { ok: false, error: `The broker refused ${err.command}: ${err.error}.` };
    return { ok: true };
  }
}
