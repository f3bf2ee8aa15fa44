/**
 * Play / Pause / Speed over an open recording (recording-source.ts): while playing, each
 * animation frame moves the source's time by the real time elapsed × speed, so the trie changes
 * at most once per frame (one seek, only the topics that changed). Reaching the end pauses
 * there; Play at the end starts again from the beginning. The clock is injected (tests drive it).
 */
import { VersionedEmitter } from './emitter';
import type { RecordingSource } from './recording-source';

export const PLAYBACK_SPEEDS = [1, 10, 100] as const;
export type PlaybackSpeed = (typeof PLAYBACK_SPEEDS)[number];

export interface FrameClock {
  now(): number;
  /** Calls `fn` before the next frame; returns a handle for cancel. */
  request(fn: () => void): number;
  cancel(handle: number): void;
}

const browserClock: FrameClock = {
  now: () => performance.now(),
  request: (fn) => requestAnimationFrame(fn),
  cancel: (h) => cancelAnimationFrame(h),
};

export class RecordingPlayer extends VersionedEmitter {
  private playingNow = false;
  private speedNow: PlaybackSpeed = 1;
  private handle: number | undefined;
  private last = 0;

  constructor(
    private readonly source: RecordingSource,
    private readonly clock: FrameClock = browserClock,
  ) {
    super();
  }

  get playing(): boolean {
    return this.playingNow;
  }

  get speed(): PlaybackSpeed {
    return this.speedNow;
  }

  play(): void {
    if (this.playingNow) return;
    if (this.source.time >= this.source.end) this.source.seekTime(this.source.start);
    this.playingNow = true;
    this.last = this.clock.now();
    this.handle = this.clock.request(this.tick);
    this.changed();
  }

  pause(): void {
    if (!this.playingNow) return;
    this.playingNow = false;
    if (this.handle !== undefined) this.clock.cancel(this.handle);
    this.handle = undefined;
    this.changed();
  }

  setSpeed(speed: PlaybackSpeed): void {
    if (speed === this.speedNow || !PLAYBACK_SPEEDS.includes(speed)) return;
    this.speedNow = speed;
    this.changed();
  }

  private readonly tick = (): void => {
    this.handle = undefined;
    if (!this.playingNow) return;
    const now = this.clock.now();
    const next = this.source.time + (now - this.last) * this.speedNow;
    this.last = now;
    if (next >= this.source.end) {
      this.source.seekTime(this.source.end);
      this.pause();
      return;
    }
    this.source.seekTime(next);
    this.handle = this.clock.request(this.tick);
  };
}
