/**
 * A browser says nothing about why a wss:// connection failed: a certificate it refuses (self-signed,
 * a private CA, a name that does not match) looks exactly like a port where nothing listens — an
 * error event, then close code 1006, and no 'open'. What we can see is the pattern: wss:// failing
 * before any response, again and again. After two such attempts in a row on the same URL the
 * reconnect reason says what it probably is and what to do, instead of a bare "Connection lost".
 */
export const SECURE_FAILURES_BEFORE_HINT = 2;

/** The reason shown for a wss:// URL that keeps failing before any response. */
export function refusedCertificateReason(url: string, times: number): string {
  let origin = url;
  try {
    const u = new URL(url);
    origin = `https://${u.host}`;
  } catch {
    // keep the URL as given
  }
  return (
    `${url} failed before any response, ${times} times in a row: the browser may refuse the broker's certificate ` +
    `(open ${origin} once to accept it, or use a trusted certificate), or nothing accepts secure connections there.`
  );
}

/** The URL and the page to open, when `reason` is refusedCertificateReason()'s text; else undefined. */
export function readRefusedCertificateReason(reason: string | undefined): { url: string; origin: string } | undefined {
  const m = reason ? /^(wss:\/\/\S+) failed before any response, \d+ times in a row: .*\(open (https:\/\/\S+) once to accept it/.exec(reason) : null;
  return m ? { url: m[1]!, origin: m[2]! } : undefined;
}

/** The reason for a ws:// node of a profile that also has wss:// ones, on an https page. */
export function mixedContentNodeReason(url: string): string {
  return `${url} is blocked on this https page (mixed content: only wss:// may be opened); trying the next URL.`;
}

export class SecureFailures {
  private readonly counts = new Map<string, number>();

  /** `pageProtocol`: the app's (a worker's location shares its origin). */
  constructor(private readonly pageProtocol = '') {}
  private lastHint: string | undefined;

  /** True for a reason this class gave (to drop it once it no longer applies). */
  gave(reason: string | undefined): boolean {
    return reason !== undefined && reason === this.lastHint;
  }

  /**
   * One attempt on `url` ended. `socketOpened`: the WebSocket handshake completed (the server
   * answered). Returns the reason to show instead of the generic one, or undefined.
   */
  attemptEnded(url: string, socketOpened: boolean): string | undefined {
    let protocol = '';
    try {
      protocol = new URL(url).protocol;
    } catch {
      protocol = '';
    }
    if (protocol === 'ws:' && this.pageProtocol === 'https:') {
      this.lastHint = mixedContentNodeReason(url);
      return this.lastHint;
    }
    const secure = protocol === 'wss:';
    if (!secure || socketOpened) {
      this.counts.delete(url);
      return undefined;
    }
    const n = (this.counts.get(url) ?? 0) + 1;
    this.counts.set(url, n);
    if (n < SECURE_FAILURES_BEFORE_HINT) return undefined;
    this.lastHint = refusedCertificateReason(url, n);
    return this.lastHint;
  }

  /** A new connect request: start counting afresh. */
  reset(): void {
    this.counts.clear();
    this.lastHint = undefined;
  }
}
