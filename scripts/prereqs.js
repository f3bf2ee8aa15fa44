// Test prerequisites that npm cannot install: Debian's Chromium (Playwright drives it; it never
// downloads a browser of its own), Mosquitto with its command-line clients (the e2e broker), and
// the other real brokers of the interop matrix (e2e/brokers.spec.ts): RabbitMQ and ejabberd.
// Node built-ins only: .ci/run calls this before `npm ci`.
//
// The broker packages are installed with --no-install-recommends. On an image whose policy-rc.d
// allows it, installing them may start their system services on default ports (ejabberd's
// mod_mqtt on 1883, RabbitMQ on 5672, epmd on 4369). The e2e launchers never use those: every
// broker a test starts gets free loopback ports, its own epmd port and its own data dir, and
// nothing here stops a service it did not start (see docs/brokers.md).
//
//   node scripts/prereqs.js            find, install when missing (as root on Debian/Ubuntu)
//   node scripts/prereqs.js --check    find only; exit 1 with instructions when missing
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const INSTALL_HINT = 'sudo apt-get install -y chromium mosquitto mosquitto-clients';
/** Debian packages of the interop matrix's other brokers (installed without recommends). */
const BROKER_PACKAGES = ['rabbitmq-server', 'ejabberd'];
const BROKER_HINT = `sudo apt-get install -y --no-install-recommends ${BROKER_PACKAGES.join(' ')}`;

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

const first = (...candidates) => candidates.find((c) => c && isExecutable(c)) ?? null;

function findChromium() {
  if (process.env.CHROMIUM_PATH) {
    // An explicit choice is never second-guessed: a wrong path is an error, not a fallback.
    return { path: isExecutable(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null, fromEnv: true };
  }
  return { path: first('/usr/bin/chromium', '/usr/bin/chromium-browser', onPath('chromium')), fromEnv: false };
}

function findAll() {
  const chromium = findChromium();
  return {
    chromium,
    mosquitto: first(process.env.MOSQUITTO_PATH, '/usr/sbin/mosquitto', onPath('mosquitto')),
    mosquitto_pub: first('/usr/bin/mosquitto_pub', onPath('mosquitto_pub')),
    mosquitto_sub: first('/usr/bin/mosquitto_sub', onPath('mosquitto_sub')),
    mosquitto_passwd: first('/usr/bin/mosquitto_passwd', onPath('mosquitto_passwd')),
    // e2e/fixtures/tls.ts makes a CA and a server certificate with it at test time.
    openssl: first('/usr/bin/openssl', onPath('openssl')),
    // Run directly by e2e/fixtures/rabbitmq.ts (the /usr/sbin wrapper switches user, logs to /var/log).
    rabbitmq_server: first('/usr/lib/rabbitmq/bin/rabbitmq-server'),
    rabbitmqctl: first('/usr/lib/rabbitmq/bin/rabbitmqctl'),
    ejabberdctl: first('/usr/sbin/ejabberdctl', onPath('ejabberdctl')),
  };
}

/** Broker packages (BROKER_PACKAGES) that would supply what is missing. */
function missingBrokerPackages(found) {
  const pkgs = [];
  if (!found.rabbitmq_server || !found.rabbitmqctl) pkgs.push('rabbitmq-server');
  if (!found.ejabberdctl) pkgs.push('ejabberd');
  return pkgs;
}

/** Debian packages that would supply what is missing. */
function missingPackages(found) {
  const pkgs = new Set();
  if (!found.chromium.path && !found.chromium.fromEnv) pkgs.add('chromium');
  if (!found.mosquitto || !found.mosquitto_passwd) pkgs.add('mosquitto');
  if (!found.mosquitto_pub || !found.mosquitto_sub) pkgs.add('mosquitto-clients');
  if (!found.openssl) pkgs.add('openssl');
  return [...pkgs];
}

function missingList(found) {
  const out = [];
  if (!found.chromium.path) {
    out.push(found.chromium.fromEnv ? `chromium (CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not executable)` : 'chromium');
  }
  for (const k of ['mosquitto', 'mosquitto_pub', 'mosquitto_sub', 'mosquitto_passwd', 'openssl']) if (!found[k]) out.push(k);
  if (!found.rabbitmq_server) out.push('rabbitmq-server (/usr/lib/rabbitmq/bin/rabbitmq-server)');
  if (!found.rabbitmqctl) out.push('rabbitmqctl (/usr/lib/rabbitmq/bin/rabbitmqctl)');
  if (!found.ejabberdctl) out.push('ejabberdctl (/usr/sbin/ejabberdctl)');
  return out;
}

function run(cmd, args, env = {}) {
  console.log(`[prereqs] $ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

function firstLine(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  // `mosquitto -h` exits 3 after printing its usage; any output is good enough here.
  // Debian's /usr/bin/chromium wrapper may print shell noise on stderr: prefer stdout.
  const text = `${r.stdout ?? ''}`.trim() || `${r.stderr ?? ''}`.trim();
  return text.split('\n')[0] || `(no output from ${cmd})`;
}

/**
 * Installing a broker package may start its system service (where policy-rc.d allows it). Say
 * what now listens, so a log shows whether 1883/5672/4369 were taken; our tests never use them.
 */
function reportListeners() {
  const r = spawnSync('ss', ['-ltnp'], { encoding: 'utf8' });
  if (r.status !== 0) return;
  const lines = r.stdout.split('\n').filter((l) => /beam|epmd|ejabberd|rabbit|mosquitto/.test(l));
  console.log(lines.length
    ? `[prereqs] services started by the install (left running; the e2e brokers use their own free ports):\n${lines.join('\n')}`
    : '[prereqs] the install started no broker services');
}

/**
 * What is missing and exactly how to get it, or '' when nothing is. `found` is what findAll()
 * returns (paths, null when absent); aptOk: apt-get is there and we are root.
 */
export function missingReport(found, { install = true, aptOk = false } = {}) {
  const missing = missingList(found);
  if (missing.length === 0) return '';
  const pkgs = missingPackages(found);
  const brokerPkgs = missingBrokerPackages(found);
  const lines = [`[prereqs] missing: ${missing.join(', ')}`];
  if (pkgs.length > 0) lines.push(`[prereqs] install with: ${INSTALL_HINT.replace(/chromium mosquitto mosquitto-clients/, pkgs.join(' '))}`);
  if (brokerPkgs.length > 0) lines.push(`[prereqs] install with: ${BROKER_HINT.replace(BROKER_PACKAGES.join(' '), brokerPkgs.join(' '))}`);
  if (!found.chromium.path) {
    lines.push('[prereqs] or, for another Chromium build: set CHROMIUM_PATH=/path/to/chromium');
  }
  if (install && pkgs.length + brokerPkgs.length > 0 && !aptOk) {
    lines.push('[prereqs] (not installing automatically: needs apt-get and root)');
  }
  return lines.join('\n');
}

const canApt = () => isExecutable('/usr/bin/apt-get') && process.getuid?.() === 0;

/**
 * Make sure Chromium, Mosquitto (+ clients), RabbitMQ and ejabberd are present; install them with
 * apt-get when possible (Debian/Ubuntu, as root). Throws with instructions when they can't be had.
 * @returns {Promise<{chromiumPath: string, mosquittoPath: string, mosquittoPubPath: string,
 *   mosquittoSubPath: string, mosquittoPasswdPath: string, rabbitmqServerPath: string,
 *   ejabberdctlPath: string, installed: string[]}>}
 */
export async function ensurePrereqs({ install = true, quiet = false } = {}) {
  let found = findAll();
  const pkgs = missingPackages(found);
  const brokerPkgs = missingBrokerPackages(found);
  const installed = [];
  if (missingList(found).length > 0 && pkgs.length + brokerPkgs.length > 0 && install && canApt()) {
    console.log(`[prereqs] missing: ${missingList(found).join(', ')}; installing ${[...pkgs, ...brokerPkgs].join(' ')}`);
    run('apt-get', ['update']);
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    if (pkgs.length > 0) run('apt-get', ['install', '-y', ...pkgs], env);
    if (brokerPkgs.length > 0) run('apt-get', ['install', '-y', '--no-install-recommends', ...brokerPkgs], env);
    installed.push(...pkgs, ...brokerPkgs);
    if (brokerPkgs.length > 0) reportListeners();
    found = findAll();
  }
  const report = missingReport(found, { install, aptOk: canApt() });
  if (report) {
    const err = new Error(report);
    err.code = 'PREREQS_MISSING';
    throw err;
  }
  const result = {
    chromiumPath: found.chromium.path,
    mosquittoPath: found.mosquitto,
    mosquittoPubPath: found.mosquitto_pub,
    mosquittoSubPath: found.mosquitto_sub,
    mosquittoPasswdPath: found.mosquitto_passwd,
    rabbitmqServerPath: found.rabbitmq_server,
    ejabberdctlPath: found.ejabberdctl,
    installed,
  };
  if (!quiet || installed.length > 0) {
    console.log(`[prereqs] chromium:  ${result.chromiumPath} — ${firstLine(result.chromiumPath, ['--version'])}`);
    console.log(`[prereqs] mosquitto: ${result.mosquittoPath} — ${firstLine(result.mosquittoPath, ['-h'])}`);
  }
  return result;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  ensurePrereqs({ install: !process.argv.includes('--check') }).catch((err) => {
    console.error(err.code === 'PREREQS_MISSING' ? err.message : err);
    process.exit(1);
  });
}
