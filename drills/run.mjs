#!/usr/bin/env node
// `npm run drills` runs every drill; `npm run drills -- <name> [<name>...]` the named ones;
// `npm run drills -- --quick` the short ones (CI). Each drill is its own process that starts
// its own Confer from the built product and prints figures, the last stdout line being one
// JSON object {drill, passed, figures, target, failed, known}. See docs/reliability.md.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

/** In the order they run; `quick`: short enough for CI (under 5 minutes together). */
const drills = [
  { name: 'code-guessing', quick: false },
  { name: 'code-race', quick: true },
  { name: 'code-binding', quick: true },
  { name: 'secrets-at-rest', quick: true },
  { name: 'enumeration', quick: false },
  { name: 'revocation', quick: true },
  { name: 'cross-tenant', quick: true },
  { name: 'hostile-files', quick: false },
  { name: 'forged-webhooks', quick: false },
  { name: 'opt-out', quick: false },
  { name: 'killed-uploads', quick: false },
  { name: 'killed-api-and-database', quick: false },
  { name: 'malformed-input', quick: false },
  { name: 'audit', quick: true },
];

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('--list')) {
  console.log('Usage: npm run drills [-- --quick | <name> ...]\n');
  for (const d of drills) console.log(`  ${d.name}${d.quick ? '  (quick)' : ''}`);
  process.exit(0);
}
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !drills.some((d) => d.name === n));
if (unknown.length) {
  console.error(`Unknown drill: ${unknown.join(', ')}. Known: ${drills.map((d) => d.name).join(', ')}`);
  process.exit(2);
}
const selected = names.length
  ? drills.filter((d) => names.includes(d.name))
  : args.includes('--quick')
    ? drills.filter((d) => d.quick)
    : drills;
if (!existsSync(join(root, 'api/dist/server.js'))) {
  console.error('api/dist is missing: run `npm run build` first (the drills run the built product).');
  process.exit(2);
}

let interrupted = false;
let current;
process.on('SIGINT', () => {
  interrupted = true; // the child got it too (same process group) and cleans up
});
process.on('SIGTERM', () => {
  interrupted = true;
  current?.kill('SIGTERM');
});

const results = [];
const started = Date.now();
for (const drill of selected) {
  if (interrupted) break;
  const file = join(here, `${drill.name}.ts`);
  const t0 = Date.now();
  const last = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    current = child;
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-200_000);
    });
    child.on('exit', (code) => {
      const lines = tail.trim().split('\n');
      try {
        resolve({ ...JSON.parse(lines[lines.length - 1] ?? ''), exitCode: code });
      } catch {
        resolve({ drill: drill.name, passed: false, failed: ['no JSON result line'], known: [], exitCode: code });
      }
    });
  });
  results.push({ ...last, wall: Math.round((Date.now() - t0) / 1000) });
}

// the summary goes to stderr: stdout keeps each drill's JSON result as its last line
console.error(`\n${'drill'.padEnd(26)} ${'result'.padEnd(6)} ${'time'.padStart(6)}  failed checks`);
for (const r of results) {
  const known = r.known?.length ? ` (known: ${r.known.join(', ')})` : '';
  console.error(
    `${r.drill.padEnd(26)} ${(r.passed ? 'pass' : 'FAIL').padEnd(6)} ${`${r.wall}s`.padStart(6)}  ${(r.failed ?? []).join(', ')}${known}`,
  );
}
console.error(`${results.length} drills in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(results.length === selected.length && results.every((r) => r.passed) ? 0 : 1);
