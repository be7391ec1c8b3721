#!/usr/bin/env node
// azd preprovision hook: makes Confer's two secrets once and keeps them in the azd environment
// (.azure/<env>/.env, never committed); infra/main.bicep stores them in Key Vault, where the
// container app reads them. An existing value is never replaced: a new CONFER_SEAL_KEY would
// leave sealed outbox content unreadable. Rotate the webhook secret with
// `azd env set ACS_WEBHOOK_SECRET "$(openssl rand -hex 32)" && azd provision` (docs/deploy.md).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const secrets = {
  CONFER_SEAL_KEY: () => randomBytes(32).toString('base64'),
  ACS_WEBHOOK_SECRET: () => randomBytes(32).toString('hex'),
};

for (const [name, make] of Object.entries(secrets)) {
  if (process.env[name]?.trim()) continue;
  execFileSync('azd', ['env', 'set', name, make()], { stdio: 'inherit', shell: process.platform === 'win32' });
  console.log(`${name}: made a new one (in the azd environment now, in Key Vault after provisioning)`);
}
