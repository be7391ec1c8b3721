#!/usr/bin/env node
// `npm start`: builds whatever is missing (API, staff app, portal), then runs Confer.
// `npm run db:migrate`: applies the migrations and exits.
// `npm run firm -- create …`: onboards a firm and its first admin (see api/src/cli/).
// All three run api/dist/main.js, the image's entry point.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildArgs, firstRunBuilds } from './start-builds.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Confer needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
  process.exit(1);
}

const argv = process.argv.slice(2);
const serving = argv[0] !== 'firm' && !argv.includes('--migrate-only');
for (const build of firstRunBuilds({ serving })) {
  const { name, output } = build;
  if (existsSync(join(root, output))) continue;
  const started = Date.now();
  process.stdout.write(`Building ${name} (first run)... `);
  const result = spawnSync(npm, buildArgs(build), { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const entry = await import(pathToFileURL(join(root, 'api/dist/main.js')).href);
await entry.main(argv);
