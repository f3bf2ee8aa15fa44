#!/usr/bin/env node
// Summarises a Chromium trace written by `npm run bench -- --trace`: where the renderer's main
// thread spent the measured window (self time per trace event: script, style, layout, paint, …)
// and its longest tasks with what filled them.
//   node bench/trace-summary.js .tmp/bench-profiles/app-round1.trace.json [--top 25] [--tasks 8]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: node bench/trace-summary.js <trace.json> [--top N] [--tasks N]');
  process.exit(1);
}
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const top = opt('--top', 25);
const taskCount = opt('--tasks', 8);

const raw = JSON.parse(readFileSync(file, 'utf8'));
const events = Array.isArray(raw) ? raw : raw.traceEvents;

// The renderer main threads; the page's is the one with the most task time.
const mains = new Set(
  events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
);
const isTask = (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
const taskTime = new Map();
for (const e of events) {
  const key = `${e.pid}:${e.tid}`;
  if (e.ph === 'X' && mains.has(key) && isTask(e)) taskTime.set(key, (taskTime.get(key) ?? 0) + e.dur);
}
const main = [...taskTime].sort((a, b) => b[1] - a[1])[0]?.[0];
if (!main) {
  console.error('no renderer main thread with tasks in this trace');
  process.exit(1);
}

// Complete events of that thread, nested by time: self time = duration − children's durations.
const xs = events
  .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && typeof e.dur === 'number')
  .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const label = (e) => {
  if (e.name === 'FunctionCall' || e.name === 'EvaluateScript') {
    const d = e.args?.data ?? {};
    const fn = d.functionName || '(anonymous)';
    const url = (d.url || '').split('/').pop();
    return `${e.name} ${fn}${url ? ` ${url}` : ''}`;
  }
  if (e.name === 'EventDispatch') return `EventDispatch ${e.args?.data?.type ?? ''}`;
  if (e.name === 'TimerFire' || e.name === 'FireAnimationFrame') return e.name;
  return e.name;
};
const self = new Map();
const stack = [];
const selfOf = new Map();
for (const e of xs) {
  while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
  const parent = stack[stack.length - 1];
  selfOf.set(e, e.dur);
  if (parent) selfOf.set(parent, selfOf.get(parent) - Math.min(e.dur, parent.ts + parent.dur - e.ts));
  e.parent = parent;
  stack.push(e);
}
let taskTotal = 0;
// tdur: the thread's CPU time in the event (wall time minus the time it waited for a core). On a
// saturated machine a task is "long" by waiting as much as by working: both are printed.
let taskCpu = 0;
const cpu = (e) => e.tdur ?? e.dur;
for (const e of xs) {
  if (isTask(e) && !e.parent) {
    taskTotal += e.dur;
    taskCpu += cpu(e);
  }
  const k = label(e);
  self.set(k, (self.get(k) ?? 0) + Math.max(0, selfOf.get(e)));
}
const first = xs[0]?.ts ?? 0;
const last = xs.reduce((m, e) => Math.max(m, e.ts + e.dur), 0);
const ms = (us) => (us / 1000).toFixed(1);
console.log(`renderer main thread ${main}: ${ms(last - first)} ms traced, ${ms(taskTotal)} ms in tasks (${ms(taskCpu)} ms of them on a CPU)`);
console.log('\nself time by event:');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${ms(v).padStart(9)} ms  ${((100 * v) / taskTotal).toFixed(1).padStart(5)}%  ${k}`);
}

// The longest tasks and what filled them.
const tasks = xs.filter((e) => isTask(e) && !e.parent).sort((a, b) => b.dur - a.dur);
const over50 = tasks.filter((t) => t.dur > 50_000).length;
const cpuOver = (n) => tasks.filter((t) => cpu(t) > n * 1000).length;
console.log(`\ntasks over 50 ms: ${over50} (over 50 ms of CPU: ${cpuOver(50)}; over 30 / 20 / 10 ms of CPU: ${cpuOver(30)} / ${cpuOver(20)} / ${cpuOver(10)})`);
console.log(`the ${Math.min(taskCount, tasks.length)} longest (wall ms, CPU ms in brackets):`);
for (const t of tasks.slice(0, taskCount)) {
  const inside = new Map();
  for (const e of xs) {
    if (e.ts < t.ts || e.ts >= t.ts + t.dur || e === t) continue;
    const k = label(e);
    inside.set(k, (inside.get(k) ?? 0) + Math.max(0, selfOf.get(e)));
  }
  const parts = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${ms(v)}`);
  console.log(`  ${ms(t.dur).padStart(7)} ms (${ms(cpu(t))}) at +${ms(t.ts - first)}: ${parts.join(' · ')}`);
}
