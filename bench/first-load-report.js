// Prints bench/results/first-load-latest.json (`npm run bench -- --first-load`) as a table.

const kb = (bytes) => (bytes / 1024).toFixed(1);
const pad = (s, n) => String(s).padStart(n);

/** @param {any} r the parsed first-load-latest.json */
export function printFirstLoad(r) {
  const lines = [
    '',
    `Switchyard first load — ${r.settings.rounds} fresh loads (nothing cached), ${r.settings.broker}`,
    `Chromium ${r.settings.chromium}, Node ${r.settings.node}, ${r.settings.cpus} CPU(s), ${r.when}`,
    '',
    '  JavaScript fetched before the first topic row (last load):',
    `  ${'file'.padEnd(40)} ${pad('bytes', 9)} ${pad('gzip KB', 8)} ${pad('asked at', 9)}`,
  ];
  for (const c of r.chunks) {
    lines.push(`  ${c.file.padEnd(40)} ${pad(c.bytes.toLocaleString('en-US'), 9)} ${pad(kb(c.gzip), 8)} ${pad(`${c.requestedAtMs} ms`, 9)}`);
  }
  lines.push(`  ${'total'.padEnd(40)} ${pad('', 9)} ${pad(kb(r.chunks.reduce((a, c) => a + c.gzip, 0)), 8)}`);
  if (r.lazy.length) {
    lines.push('', `  fetched later (lazy chunks): ${r.lazy.map((c) => `${c.file.replace(/^assets\//, '')} ${kb(c.gzip)} KB`).join(', ')}`);
  }
  for (const c of r.chunks) {
    if (!c.topModules.length) continue;
    lines.push('', `  ${c.file}: ${c.moduleCount} modules; the heaviest (each minified and gzipped alone, KB):`);
    for (const m of c.topModules.slice(0, 15)) lines.push(`    ${pad(kb(m.gzipAlone), 6)}  ${m.id}`);
  }
  lines.push(
    '',
    `  per load: ${r.rounds.map((x) => `${x.firstRowFrameMs} ms / ${x.jsGzipKB} KB`).join(', ')}`,
    '',
    `  JavaScript before the first row (median): ${r.jsGzipKB} KB gzip   target ≤ ${r.target.jsGzipKB} KB: ${r.met.js ? 'met' : 'NOT met'}`,
    `  first row in the DOM (median):            ${r.firstRowMs} ms`,
    `  first row painted (median, next frame):   ${r.firstRowFrameMs} ms      target ≤ ${r.target.firstRowMs} ms: ${r.met.time ? 'met' : 'NOT met'}   (a ?broker= link, fresh profile)`,
    '',
  );
  if (r.breakdown) {
    const b = r.breakdown;
    const steps = [
      ['HTML received', b.htmlDone],
      ['entry JS received', b.entryJsDone],
      ['new Worker() called', b.workerCreated],
      ['worker JS received', b.workerJsDone],
      ['first WebSocket accepted by the broker', b.firstWsOpened],
      ['MQTT 5 CONNECT refused (3.1.1 fallback)', b.connectRefused],
      ['last WebSocket accepted', b.webSockets > 1 ? b.lastWsOpened : null],
      ['CONNACK sent', b.connack],
      ['SUBSCRIBE received', b.subscribe],
      ['first message counted', b.firstMessage],
      ['first row in the DOM', b.firstRowDom],
      ['first row painted', b.firstRowPainted],
    ];
    lines.push(`  where the time goes with the ?broker= link (medians over the loads, ms after navigation; ${b.webSockets} WebSocket(s) per load):`);
    for (const [label, ms] of steps) if (ms !== null && ms !== undefined) lines.push(`    ${label.padEnd(42)} ${pad(Math.round(ms), 6)}`);
    const last = r.rounds.at(-1)?.breakdown;
    if (last?.longFrames?.length) {
      lines.push('  the main thread\'s long frames before the first row (last load; start ms, duration ms: scripts over 5 ms):');
      for (const f of last.longFrames) {
        const scripts = f.scripts.filter((x) => x.duration > 5).map((x) => `${x.src || '?'} ${x.invoker} ${x.duration}`);
        lines.push(`    ${pad(f.start, 6)} ${pad(f.duration, 5)}  ${scripts.join('; ')}`);
      }
    }
    lines.push('');
  }
  if (r.defaultStart) {
    const d = r.defaultStart;
    lines.push(
      `  \`/\` as npm start opens it (default profile: the embedded broker, MQTT 3.1.1): first row painted ${d.firstRowFrameMs} ms (median), ` +
        `${d.webSockets} WebSocket(s) per load; loads: ${d.loads.map((x) => `${x.firstRowFrameMs} ms`).join(', ')}`,
    );
    const b = d.breakdown;
    lines.push(
      `    new Worker() ${b.workerCreated} · worker JS ${b.workerJsDone} · WebSocket ${b.firstWsOpened} · CONNACK ${b.connack} · SUBSCRIBE ${b.subscribe} · first message ${b.firstMessage} · row painted ${b.firstRowPainted} ms`,
      '',
    );
  }
  if (r.repeatVisit) {
    const v = r.repeatVisit;
    lines.push(
      `  repeat visits (same browser profile, cache and localStorage kept): first row painted ${v.firstRowFrameMs} ms (median), ` +
        `${v.webSockets} WebSocket(s) per load; loads: ${v.loads.map((x) => `${x.firstRowFrameMs} ms`).join(', ')}`,
      '',
    );
  }
  console.log(lines.join('\n'));
}
