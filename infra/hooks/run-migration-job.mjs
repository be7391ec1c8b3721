#!/usr/bin/env node
// azd postdeploy hook of the api service: the release's migrations, once. Points the migration
// and firm jobs at the image azd just deployed, starts the migration job and waits for it. The
// new revision's replicas wait (not ready) until it is done; the previous revision keeps
// serving meanwhile, so migrations must keep working for the previous release (add, then
// remove in a later release).
import { az, azdValues, logsHint, waitForExecution } from './az-cli.mjs';

const env = azdValues();
const group = env.AZURE_RESOURCE_GROUP;
const image = env.SERVICE_API_IMAGE_NAME;
const migrationJob = env.CONFER_MIGRATION_JOB_NAME;
const firmJob = env.CONFER_FIRM_JOB_NAME;
for (const [name, value] of Object.entries({
  AZURE_RESOURCE_GROUP: group,
  SERVICE_API_IMAGE_NAME: image,
  CONFER_MIGRATION_JOB_NAME: migrationJob,
})) {
  if (!value) {
    console.error(`${name} is not in the azd environment: run azd provision (and azd deploy) first.`);
    process.exit(1);
  }
}

for (const job of [migrationJob, firmJob].filter(Boolean)) {
  az(['containerapp', 'job', 'update', '--name', job, '--resource-group', group, '--image', image, '--output', 'none']);
}
const execution = JSON.parse(
  az(['containerapp', 'job', 'start', '--name', migrationJob, '--resource-group', group, '--output', 'json']),
).name;
console.log(`Migration job ${migrationJob}: execution ${execution} started with ${image}`);
const status = await waitForExecution(migrationJob, group, execution);
if (status !== 'Succeeded') {
  console.error(`Migration job ${execution}: ${status}\n${logsHint(migrationJob, group, execution)}`);
  process.exit(1);
}
console.log(`Migration job ${execution}: Succeeded`);
if (env.CONFER_EVENT_GRID_SUBSCRIBED !== 'true') {
  console.log(
    'First deployment: run `azd provision` once more so Event Grid subscribes to the webhook (its handshake needs the running API).',
  );
}
