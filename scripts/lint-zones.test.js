// The folder rules of docs/architecture.md as eslint.config.js enforces them (import-x zones):
// one import per rule, linted as if it were written in a file of that folder.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const features = readdirSync(path.join(src, 'features'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

/** Some module in <folder> (files move during refactors; any one will do). */
function moduleIn(folder) {
  const dir = path.join(root, folder);
  const file = readdirSync(dir).find((f) => /\.(tsx?|js)$/.test(f) && !/\.(test|d)\.[jt]s$/.test(f));
  if (!file) throw new Error(`no module in ${folder}`);
  return path.join(dir, file.replace(/\.tsx?$/, ''));
}

let eslint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  // Loading the config and plugins takes seconds on a busy machine: do it once, before the tests.
  await eslint.lintText('export {};\n', { filePath: path.join(src, 'core', '__lint_zone_probe__.ts') });
}, 120_000);

/** Zone findings for `import … from <module in toFolder>` written in a new file of fromFolder. */
async function zoneFindings(fromFolder, toFolder) {
  const filePath = path.join(root, fromFolder, '__lint_zone_probe__.ts');
  let spec = path.relative(path.dirname(filePath), moduleIn(toFolder)).split(path.sep).join('/');
  if (!spec.startsWith('.')) spec = `./${spec}`;
  const [result] = await eslint.lintText(`import * as probe from '${spec}';\nexport { probe };\n`, { filePath });
  return result.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

describe('lint zones: what may import what', () => {
  it.each([
    ['src/core', 'src/lib'],
    ['src/core', 'src/stores'],
    ['src/lib', 'src/stores'],
    ['src/lib', 'src/mqtt'],
    ['src/stores', 'src/mqtt'],
    ['src/stores', 'src/hooks'],
    ['src/stores', 'src/components'],
    ['src/stores', 'src/app'],
    ['src/components', 'src/mqtt'],
    ['src/components', 'src/stores'],
    ['src/components', 'src/hooks'],
    ['src/components', 'src/app'],
    ['src/hooks', 'src/app'],
    ['src/hooks', `src/features/${features[0]}`],
    ['src/mqtt', 'src/hooks'],
    ['src/mqtt', 'src/components'],
    ['src/mqtt', 'src/app'],
    ['src/mqtt', `src/features/${features[0]}`],
    ['src/app', 'dev'],
    ['src/core', 'scripts'],
    ['src/stores', 'e2e/fixtures'],
    ['src/app', 'bench'],
  ])('%s may not import %s', async (from, to) => {
    expect(await zoneFindings(from, to)).toHaveLength(1);
  });

  it.each(features.map((f, i) => [f, features[(i + 1) % features.length]]))(
    'features/%s may not import features/%s',
    async (from, to) => {
      expect(await zoneFindings(`src/features/${from}`, `src/features/${to}`)).toEqual([
        expect.stringContaining('A feature never imports another feature'),
      ]);
    },
  );

  it.each([
    ['src/core', 'src/core'],
    ['src/lib', 'src/core'],
    ['src/stores', 'src/core'],
    ['src/stores', 'src/lib'],
    ['src/components', 'src/core'],
    ['src/components', 'src/lib'],
    ['src/hooks', 'src/stores'],
    ['src/mqtt', 'src/core'],
    ['src/app', `src/features/${features[0]}`],
    [`src/features/${features[0]}`, 'src/hooks'],
    [`src/features/${features[0]}`, 'src/components'],
    [`src/features/${features[0]}`, `src/features/${features[0]}`],
  ])('%s may import %s', async (from, to) => {
    expect(await zoneFindings(from, to)).toEqual([]);
  });
});
