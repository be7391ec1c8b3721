#!/usr/bin/env node
// `npm run bench -- <name>`: runs bench/<name>.ts with the tsx loader (TypeScript, no build).
// Benchmarks print figures (progress on stderr, one JSON object as the last stdout line);
// they are not tests and do not fail on a missed target. See docs/performance.md.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benches = { messaging: 'messaging.ts', upload: 'upload.ts' };
const name = process.argv[2];
if (!name || !(name in benches)) {
  console.error(`Usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
const file = join(here, benches[name]);
if (!existsSync(file)) {
  console.error(`Missing ${file}`);
  process.exit(2);
}
const child = spawn(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(3)], {
  cwd: join(here, '..'),
  stdio: 'inherit',
});
// Ctrl-C reaches the child through the terminal's process group; let it clean up and exit.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
