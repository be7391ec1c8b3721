import { startAzureOpenAiEmulator } from './azure-openai-emulator.js';

/**
 * The Azure OpenAI emulator as a process of its own, for a separately started Confer (the
 * Playwright tone-help flow): prints one JSON line with the settings to give Confer
 * (AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_DEPLOYMENT, IDENTITY_ENDPOINT, IDENTITY_HEADER), then
 * serves until it is sent SIGTERM or its parent closes stdin.
 */
const emulator = await startAzureOpenAiEmulator();
process.stdout.write(
  `${JSON.stringify({
    AZURE_OPENAI_ENDPOINT: emulator.endpoint,
    AZURE_OPENAI_DEPLOYMENT: emulator.deployment,
    IDENTITY_ENDPOINT: emulator.identityEndpoint,
    IDENTITY_HEADER: emulator.identityHeader,
  })}\n`,
);
const stop = () => void emulator.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
