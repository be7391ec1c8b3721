// Preloaded with `--import` into a Confer process by the production-entry test: appends every
// module the process loads (ESM resolutions through a loader hook, CommonJS through
// Module._load) to the file named by CONFER_MODULE_LOG, one per line. Child processes inherit
// it through NODE_OPTIONS. Evidence of what production imports, read after the process exits.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const log = process.env.CONFER_MODULE_LOG;
if (log) {
  const originalLoad = Module._load;
  Module._load = function load(request, parent, isMain) {
    let file = request;
    try {
      file = Module._resolveFilename(request, parent, isMain);
    } catch {
      // the original load reports it
    }
    appendFileSync(log, `require ${file}\n`);
    return originalLoad.apply(this, arguments);
  };
  register('./record-loaded-modules-hooks.mjs', import.meta.url, { data: { log } });
}
