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
    `  first row painted (median, next frame):   ${r.firstRowFrameMs} ms      target ≤ ${r.target.firstRowMs} ms: ${r.met.time ? 'met' : 'NOT met'}`,
    '',
  );
  console.log(lines.join('\n'));
}
