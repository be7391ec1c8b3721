#!/usr/bin/env node
// The operator's onboarding in Azure: runs `firm create …` as an execution of the firm job, with
// the job's own image, settings and identity. Same arguments as `npm run firm --`:
//   node infra/hooks/start-firm-job.mjs create --name "Harbour & Vale LLP" --tenant <Entra tenant id> --admin <email>
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { az, azdValues, logsHint, waitForExecution } from './az-cli.mjs';

const args = process.argv.slice(2);
if (args[0] !== 'create') {
  console.error(
    'Usage: node infra/hooks/start-firm-job.mjs create --name <firm name> --tenant <Entra tenant id> --admin <email>',
  );
  process.exit(64);
}
const env = azdValues();
const group = env.AZURE_RESOURCE_GROUP;
const job = env.CONFER_FIRM_JOB_NAME;
if (!group || !job || !env.AZURE_SUBSCRIPTION_ID) {
  console.error('AZURE_RESOURCE_GROUP, CONFER_FIRM_JOB_NAME or AZURE_SUBSCRIPTION_ID missing: run azd up first.');
  process.exit(1);
}
// the job's container as defined (image, command, settings, secrets), with these arguments
const container = JSON.parse(
  az([
    'containerapp',
    'job',
    'show',
    '--name',
    job,
    '--resource-group',
    group,
    '--query',
    'properties.template.containers[0]',
    '--output',
    'json',
  ]),
);
const dir = mkdtempSync(join(tmpdir(), 'confer-firm-'));
const body = join(dir, 'start.json');
writeFileSync(body, JSON.stringify({ containers: [{ ...container, args }] }));
let execution;
try {
  const url = `https://management.azure.com/subscriptions/${env.AZURE_SUBSCRIPTION_ID}/resourceGroups/${group}/providers/Microsoft.App/jobs/${job}/start?api-version=2024-03-01`;
  execution = JSON.parse(az(['rest', '--method', 'post', '--url', url, '--body', `@${body}`, '--output', 'json'])).name;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`Firm job ${job}: execution ${execution} started`);
const status = await waitForExecution(job, group, execution, 10 * 60_000);
console.log(`Firm job ${execution}: ${status}\n${logsHint(job, group, execution)}`);
process.exit(status === 'Succeeded' ? 0 : 1);
