// The az and azd command lines for the hooks (az is a .cmd script on Windows: through a shell there).
import { spawnSync } from 'node:child_process';

const shell = process.platform === 'win32';

export function az(args) {
  const result = spawnSync('az', args, { encoding: 'utf8', shell });
  if (result.status !== 0) {
    throw new Error(`az ${args.slice(0, 3).join(' ')} failed:\n${result.stderr || result.stdout}`);
  }
  return result.stdout.trim();
}

/** The azd environment's values (outputs of infra/main.bicep and what was set with azd env set). */
export function azdValues() {
  if (process.env.AZURE_RESOURCE_GROUP) return process.env;
  const result = spawnSync('azd', ['env', 'get-values', '--output', 'json'], { encoding: 'utf8', shell });
  if (result.status !== 0) throw new Error(`azd env get-values failed:\n${result.stderr}`);
  return { ...process.env, ...JSON.parse(result.stdout) };
}

/** Polls a job execution until it ends; returns its final status. */
export async function waitForExecution(job, group, execution, timeoutMs = 30 * 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const status = az([
      'containerapp',
      'job',
      'execution',
      'show',
      '--name',
      job,
      '--resource-group',
      group,
      '--job-execution-name',
      execution,
      '--query',
      'properties.status',
      '--output',
      'tsv',
    ]);
    if (!['Running', 'Processing', 'Unknown', ''].includes(status)) return status;
    if (Date.now() > until) return `still ${status} after ${timeoutMs / 60_000} minutes`;
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}

export const logsHint = (job, group, execution) =>
  `Logs: az containerapp job logs show --name ${job} --resource-group ${group} --execution ${execution} --container <name>\n` +
  `  or in Log Analytics: ContainerAppConsoleLogs_CL | where ContainerJobName_s == '${job}'`;
