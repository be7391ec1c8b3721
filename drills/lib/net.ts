import { connect } from 'node:net';

export const portIsOpen = (port: number, host = '127.0.0.1') =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** Resolves once something listens on the port; rejects after `timeoutMs` or when `gaveUp()` says so. */
export async function waitForPort(port: number, timeoutMs: number, gaveUp: () => boolean = () => false): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await portIsOpen(port)) return;
    if (gaveUp()) throw new Error('the process exited');
    if (Date.now() > until) throw new Error(`nothing listened on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Fails early with a clear message when a port the drill needs is taken by something else. */
export async function assertPortFree(port: number, what: string): Promise<void> {
  if (await portIsOpen(port)) {
    throw new Error(
      `port ${port} (${what}) is already in use: stop what listens there or set DRILLS_PORT/DRILLS_PORT_RANGE`,
    );
  }
}
