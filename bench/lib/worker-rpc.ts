import { Worker } from 'node:worker_threads';
import type { Commands } from './client-worker.js';

/** The load-generator worker, called like a function: `await client.call('throughput', args)`. */
export function startClientWorker() {
  // A worker does not get the main thread's TypeScript loader hooks on Node 20: register tsx
  // in the worker first, then load the TypeScript entry point.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./client-worker.ts', import.meta.url).href;
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`,
    { eval: true },
  );
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error) w.reject(new Error(`client worker: ${m.error}`));
    else w.resolve(m.result as never);
  });
  let dead: Error | undefined;
  const fail = (error: Error) => {
    dead ??= error;
    for (const w of waiting.values()) w.reject(dead);
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the client worker exited (${code})`)));
  return {
    call<K extends keyof Commands>(command: K, args: Parameters<Commands[K]>[0]): ReturnType<Commands[K]> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        if (dead) return reject(dead);
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, command, args });
      }) as ReturnType<Commands[K]>;
    },
    stop: () => worker.terminate(),
  };
}
