// The sweep of quiet-browser profiles left by killed benchmark runs (stale-profiles.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROFILE_PREFIX, removeStaleProfiles } from './stale-profiles.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A profile folder whose SingletonLock says `lock` (none if null). */
function profile(tmp: string, name: string, lock: string | null): string {
  const dir = path.join(tmp, PROFILE_PREFIX + name);
  mkdirSync(dir);
  if (lock !== null) symlinkSync(lock, path.join(dir, 'SingletonLock'));
  return dir;
}

describe('removeStaleProfiles', () => {
  it("removes a profile whose browser process is gone and leaves a live one's, one still starting, another host's and other folders", () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'stale-profiles-test-'));
    dirs.push(tmp);
    const dead = spawnSync(process.execPath, ['-e', '']).pid!; // exited: its pid names no process now
    const host = os.hostname();
    const gone = profile(tmp, 'gone', `${host}-${dead}`);
    const live = profile(tmp, 'live', `${host}-${process.pid}`);
    const starting = profile(tmp, 'starting', null);
    const elsewhere = profile(tmp, 'elsewhere', `another-host-${dead}`);
    const other = path.join(tmp, 'not-a-profile');
    mkdirSync(other);

    expect(removeStaleProfiles(tmp)).toEqual([path.basename(gone)]);
    expect(existsSync(gone)).toBe(false);
    for (const kept of [live, starting, elsewhere, other]) expect(existsSync(kept)).toBe(true);
  });
});
