#!/usr/bin/env node
// The browser tests' Confer: `npm start` as a firm would run it, on a fresh embedded database,
// or, when TEST_DATABASE_URL names a PostgreSQL server (`npm test`'s PostgreSQL run), on a
// new database of its own there, so the browser flows run on both databases like the API tests.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
delete env.DATABASE_URL;

const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  const name = `confer_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  console.log(`Browser tests on PostgreSQL: database ${name}`);
}

const confer = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => confer.kill(signal));
confer.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
