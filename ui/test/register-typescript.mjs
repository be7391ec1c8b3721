// `node --import ./test/register-typescript.mjs --test …`: Node 20 cannot run TypeScript, so
// this registers a tiny loader that strips types with the workspace's own `typescript`.
import { register } from 'node:module';

register('./typescript-loader.mjs', import.meta.url);
