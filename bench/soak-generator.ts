// Drives the soak benchmark's load generator (bench/load-generator.js, its `soak` command) in its
// own process over IPC: start, progress on demand, stop. See bench/soak.bench.ts.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Progress { sent: number; retainedSent: number; devices: number; topicsLive: number; bytes: number }

/** The load generator in its own process, driven over IPC (protocol in bench/load-generator.js). */
export async function startGenerator(mqttUrl: string) {
  const child: ChildProcess = fork(path.join(here, 'load-generator.js'), [], {
    env: { ...process.env, BENCH_MQTT_URL: mqttUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let progress: Progress = { sent: 0, retainedSent: 0, devices: 0, topicsLive: 0, bytes: 0 };
  let done: ((m: any) => void) | null = null;
  let asked: (() => void) | null = null;
  let failure: Error | null = null;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('load generator did not connect within 10 s')), 10_000);
    child.once('message', (m: any) => (clearTimeout(timer), m.type === 'ready' ? resolve() : reject(new Error(m.message))));
    child.once('exit', (code) => reject(new Error(`load generator exited (${code}) before connecting`)));
  });
  child.on('message', (m: any) => {
    if (m.type === 'progress') {
      progress = m;
      asked?.();
    } else if (m.type === 'done') {
      progress = m;
      done?.(m);
    } else if (m.type === 'error') failure ??= new Error(m.message);
  });
  child.on('exit', (code, signal) => (failure ??= new Error(`load generator exited (${code ?? signal})`)));
  return {
    progress: () => progress,
    /** The generator's counts as of now (the last report if it does not answer within a second). */
    async current(): Promise<Progress> {
      await new Promise<void>((r) => {
        const t = setTimeout(r, 1_000);
        asked = () => (clearTimeout(t), (asked = null), r());
        child.send({ cmd: 'status' });
      });
      return progress;
    },
    failure: () => failure,
    /** Starts the soak load; resolves with the generator's 'done' report. */
    soak(o: { rate: number; seconds: number; topics: number; growSeconds: number }): Promise<Progress & { achievedRate: number }> {
      child.send({ cmd: 'soak', id: 1, ...o });
      return new Promise((r) => (done = r));
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.removeAllListeners('exit');
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ cmd: 'stop' });
      const t = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(t);
    },
  };
}
