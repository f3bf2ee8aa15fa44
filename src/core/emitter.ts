/**
 * The one way a model tells React (or anything else) that it changed: a version number that
 * grows with every change, and listeners called after it grew. Every live model (TopicTrie,
 * SeriesStore, SwitchController, DiscoveryModel, DynsecModel) extends this; views read them with
 * `useModel(model, select)` (src/hooks/use-model.ts), never with a hand-written subscribe pair.
 *
 * `subscribe` and `getVersion` are bound, so they can be handed to useSyncExternalStore as they are.
 * A listener that throws does not stop the others; the first error is rethrown after all ran.
 */
export interface Observable {
  readonly subscribe: (fn: () => void) => () => void;
  readonly getVersion: () => number;
}

export class VersionedEmitter implements Observable {
  private versionValue = 0;
  private readonly listeners = new Set<() => void>();

  /** Grows by one with every change (also when nobody listens). */
  get version(): number {
    return this.versionValue;
  }

  readonly getVersion = (): number => this.versionValue;

  readonly subscribe = (fn: () => void): (() => void) => {
    if (this.listeners.size === 0) this.onFirstListener();
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  };

  /** Called before the first listener is added (a model that starts work only once someone reads it). */
  protected onFirstListener(): void {}

  /** Moves to the next version without telling anyone yet (stamp changed parts with it, then notify). */
  protected bump(): number {
    return ++this.versionValue;
  }

  /** Tells every listener, once. */
  protected notify(): void {
    let failure: unknown;
    let failed = false;
    for (const fn of [...this.listeners]) {
      try {
        fn();
      } catch (e) {
        if (!failed) failure = e;
        failed = true;
      }
    }
    if (failed) throw failure;
  }

  /** bump() then notify(): the usual "something changed". */
  protected changed(): void {
    this.bump();
    this.notify();
  }

  /** Drops every listener (a model that is thrown away). */
  protected dropListeners(): void {
    this.listeners.clear();
  }
}
