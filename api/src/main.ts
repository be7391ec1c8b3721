import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startTelemetry } from './integrations/telemetry/start-telemetry.js';

/**
 * The entry point of the image and of `npm start` (scripts/start.mjs):
 *
 *   node api/dist/main.js                  serve (embedded mode, or CONFER_MODE=production)
 *   node api/dist/main.js --migrate-only   apply the migrations and exit (the migration job)
 *   node api/dist/main.js firm create …    onboard a firm and its first admin (the firm job)
 *
 * Telemetry starts before the server's modules are imported, so http, express and pg load
 * instrumented; without APPLICATIONINSIGHTS_CONNECTION_STRING nothing of it is loaded.
 */
export async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'firm') {
    const { runFirmCommand } = await import('./cli/run-firm-command.js');
    process.exitCode = await runFirmCommand(argv.slice(1));
    return;
  }
  if (!argv.includes('--migrate-only')) await startTelemetry(process.env);
  const { runFromCommandLine } = await import('./server.js');
  await runFromCommandLine(argv);
}

const entry = process.argv[1] ? realpathSync(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
