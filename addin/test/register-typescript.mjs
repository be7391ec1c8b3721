// `node --import ./test/register-typescript.mjs --test …`: strips types with the workspace's own
// `typescript`, through the same tiny loader as the ui unit tests.
import { register } from 'node:module';

register('../../ui/test/typescript-loader.mjs', import.meta.url);
