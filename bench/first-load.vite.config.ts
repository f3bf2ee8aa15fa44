// Vite config of the first-load benchmark (`npm run bench -- --first-load`): the app's own
// vite.config.ts plus a plugin that writes, for every chunk of the build (the worker's too), its
// size minified and gzipped and what each module contributes to it, to <outDir>/bundle-report.json.
// bench/first-load.bench.ts matches those chunks to the files the page loaded.
// Also usable alone: `npx vite build -c bench/first-load.vite.config.ts --outDir .tmp/x`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { minifySync } from 'rolldown/utils';
import { mergeConfig, type Plugin, type UserConfig } from 'vite';
import appConfig from '../vite.config.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ModuleSize {
  /** Source file (relative to the repo) or `npm:<package>/<file>`. */
  id: string;
  /** Characters the module takes in the chunk before minification (rolldown's renderedLength). */
  rendered: number;
  /** The module's code minified on its own and gzipped on its own: an estimate of its share. */
  gzipAlone: number;
}

export interface ChunkSize {
  file: string;
  minified: number;
  gzip: number;
  modules: ModuleSize[];
}

function shortId(id: string): string {
  const nm = id.lastIndexOf('node_modules/');
  if (nm >= 0) return `npm:${id.slice(nm + 'node_modules/'.length)}`;
  return path.isAbsolute(id) ? path.relative(root, id) : id.replace(/\0/g, '');
}

function gzipAlone(code: string): number {
  if (!code) return 0;
  try {
    return gzipSync(minifySync('m.js', code).code, { level: 9 }).length;
  } catch {
    return gzipSync(code, { level: 9 }).length;
  }
}

/** Shared between the app build and its worker builds, which finish first. */
const report: Record<string, ChunkSize> = {};

/** `write`: this instance writes the file (the app's; the worker's builds run inside it, earlier). */
function bundleReport(write: boolean): Plugin {
  let outDir = 'dist';
  return {
    name: 'switchyard-bundle-report',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const modules = Object.entries(chunk.modules)
          .map(([id, m]) => ({ id: shortId(id), rendered: m.renderedLength, gzipAlone: gzipAlone(m.code ?? '') }))
          .filter((m) => m.rendered > 0)
          .sort((a, b) => b.gzipAlone - a.gzipAlone);
        report[chunk.fileName] = {
          file: chunk.fileName,
          minified: chunk.code.length,
          gzip: gzipSync(chunk.code, { level: 9 }).length,
          modules,
        };
      }
    },
    writeBundle() {
      if (!write) return;
      writeFileSync(path.join(outDir, 'bundle-report.json'), JSON.stringify(report, null, 1));
    },
  };
}

const app = appConfig as UserConfig;
const merged = mergeConfig(app, { plugins: [bundleReport(true)] } satisfies UserConfig);
const appWorkerPlugins = app.worker?.plugins;
merged.worker = { ...merged.worker, plugins: () => [...(appWorkerPlugins?.() ?? []), bundleReport(false)] };
export default merged;
