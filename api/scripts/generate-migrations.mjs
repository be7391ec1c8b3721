// Generates SQL migrations from src/db/schema.ts with drizzle-kit.
// npm keeps drizzle-orm inside api/node_modules (its optional peers block hoisting), while
// drizzle-kit is hoisted to the root and imports drizzle-orm from there: link it for the run.
import { spawnSync } from 'node:child_process';
import { existsSync, symlinkSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const api = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootLink = join(api, '..', 'node_modules', 'drizzle-orm');
const local = join(api, 'node_modules', 'drizzle-orm');
const linked = !existsSync(rootLink) && existsSync(local);
if (linked) symlinkSync(local, rootLink, 'dir');
try {
  const kit = join(api, '..', 'node_modules', 'drizzle-kit', 'bin.cjs');
  const result = spawnSync(process.execPath, [kit, 'generate', ...process.argv.slice(2)], {
    cwd: api,
    stdio: 'inherit',
  });
  process.exitCode = result.status ?? 1;
} finally {
  if (linked) rmSync(rootLink);
}
