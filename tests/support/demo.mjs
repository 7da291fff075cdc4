#!/usr/bin/env node
// `npm run demo`: checks what the demo needs and says exactly what is missing, installs
// node_modules if absent, rebuilds the extension when the build is missing or older than the
// sources, then runs tests/support/demo.ts (see there for what the demo does).
// Plain Node on purpose: it must run before node_modules exists.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const chromium = process.env.DOCENT_CHROMIUM ?? '/usr/bin/chromium';
const manifest = join(root, '.output', 'chrome-mv3', 'manifest.json');
// Everything `wxt build` reads.
const SOURCES = ['entrypoints', 'components', 'lib', 'public', 'wxt.config.ts', 'package.json', 'tsconfig.json'];

function fail(message) {
  console.error(`\n${message}`);
  process.exit(1);
}

function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) fail(`Node ${process.versions.node} is too old: the demo needs Node 20 or newer.`);

if (!existsSync(chromium)) {
  fail(`Chromium is not installed (${chromium} is missing): run apt-get install -y chromium`);
}

if (!existsSync(join(root, 'node_modules', '.bin', 'wxt')) || !existsSync(join(root, 'node_modules', '.bin', 'tsx'))) {
  console.log('node_modules is missing or incomplete: running npm ci first.');
  if (run('npm', ['ci']) !== 0) fail('npm ci failed (see above); fix it and run npm run demo again.');
}

const builtAt = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
if (builtAt < sourcesAt) {
  console.log(builtAt ? 'The build is older than the sources: rebuilding.' : 'No build yet: building the extension.');
  if (run('npx', ['wxt', 'build']) !== 0) fail('npx wxt build failed (see above).');
}

// Ctrl-C reaches the child too (same process group); the child closes Chromium and its servers,
// then this process exits with the child's status.
// `npm run demo -- --source artifacts` reaches demo.ts as its own arguments.
const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join('tests', 'support', 'demo.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
