// Profiles of quiet browsers (quiet-browser.ts) that a killed benchmark run left behind.
import { readdirSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The prefix of a quiet browser's profile folder in the temporary directory. */
export const PROFILE_PREFIX = 'switchyard-bench-chromium-';

/**
 * Removes the profiles under `dir` whose browser is gone (a run killed mid-way never reaches its
 * close()): Chromium's SingletonLock names its host and process ("host-pid"); a profile whose
 * process on this host no longer exists is stale. A live one (another benchmark's browser), one
 * without a lock (still starting) and one of another host are left. Returns the folders removed.
 */
export function removeStaleProfiles(dir = os.tmpdir()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(PROFILE_PREFIX)) continue;
    const profile = path.join(dir, name);
    let pid: number;
    try {
      const [host, id] = readlinkSync(path.join(profile, 'SingletonLock')).split(/-(?=\d+$)/);
      if (host !== os.hostname()) continue;
      pid = Number(id);
    } catch {
      continue;
    }
    if (!(pid > 0)) continue;
    try {
      process.kill(pid, 0);
      continue; // alive
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') continue;
    }
    rmSync(profile, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
