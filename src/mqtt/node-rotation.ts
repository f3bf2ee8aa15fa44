/**
 * The broker URLs of one profile (the nodes of a cluster, or a primary and standbys) and which
 * one the worker tries. The worker connects to the current node; whenever a connection ends
 * (or never got going) the next try goes to the next node, round the list, with the usual
 * backoff between tries. Our own rotation rather than mqtt.js `servers`, which drops a URL's
 * path unless `protocol` is set at the top level, and hides which node answered.
 */
export class NodeRotation {
  private urls: string[] = [];
  private index = 0;

  /** Starts over at the first URL (a new connect request). Empty or blank URLs are left out. */
  reset(urls: string[]): void {
    this.urls = urls.map((u) => u.trim()).filter(Boolean);
    this.index = 0;
  }

  get current(): string {
    return this.urls[this.index] ?? '';
  }

  get size(): number {
    return this.urls.length;
  }

  /** Moves on to the next node (round the list) and returns it. */
  next(): string {
    if (this.urls.length > 0) this.index = (this.index + 1) % this.urls.length;
    return this.current;
  }
}
