import pg from 'pg';

export type ListenOptions = {
  /** Called once the LISTEN connection is back after a drop: notifications sent meanwhile were lost. */
  onReconnect?: () => void;
  /** Called when the LISTEN connection fails; it is retried with backoff until the database closes. */
  onError?: (error: Error) => void;
};

/** Stops one `listen` registration (and UNLISTENs the channel when it was the last one). */
export type Unlisten = () => Promise<void>;

type Listener = { channel: string; onPayload: (payload: string) => void; options: ListenOptions };

const channelPattern = /^[a-z_][a-z0-9_]{0,62}$/;
const firstRetryMs = 250;
/** Short enough that live events resume within seconds of the database coming back. */
const maxRetryMs = 2_000;

/** A connection dropped without a FIN/RST (a NAT or load balancer forgetting it) is found by a query. */
export type HealthCheck = { everyMs: number; timeoutMs: number };
const defaultHealthCheck: HealthCheck = { everyMs: 30_000, timeoutMs: 10_000 };

export function assertChannelName(channel: string): void {
  if (!channelPattern.test(channel)) throw new Error(`Not a valid notification channel name: ${channel}`);
}

/**
 * LISTEN/NOTIFY on PostgreSQL over one dedicated connection, not a pooled one: the pool hands
 * its clients to other queries and a LISTEN there would be lost. The connection opens on the
 * first `listen`. If it drops, it is reopened with backoff (0.25 s doubling to 2 s) and every
 * channel LISTENed again, then each listener's `onReconnect` runs so it can catch up. A
 * `select 1` every 30 s notices a connection that died silently.
 */
export function createPostgresListener(
  connection: string | pg.ClientConfig,
  healthCheck: HealthCheck = defaultHealthCheck,
) {
  const clientConfig = typeof connection === 'string' ? { connectionString: connection } : connection;
  const listeners = new Set<Listener>();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let healthTimer: NodeJS.Timeout | undefined;
  let attempt = 0;
  let closed = false;

  const report = (error: Error) => {
    for (const listener of [...listeners]) listener.options.onError?.(error);
  };

  function lost(c: pg.Client, error: Error): void {
    if (c !== client) return; // a client being opened or already replaced
    client = undefined;
    c.end().catch(() => {});
    if (closed) return;
    report(error);
    scheduleReconnect();
  }

  async function open(): Promise<pg.Client> {
    const c = new pg.Client({ ...clientConfig, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    c.on('notification', (message) => {
      for (const listener of [...listeners]) {
        if (listener.channel === message.channel) listener.onPayload(message.payload ?? '');
      }
    });
    c.on('error', (error) => lost(c, error));
    c.on('end', () => lost(c, new Error('The LISTEN connection ended')));
    try {
      await c.connect();
      for (const channel of new Set([...listeners].map((l) => l.channel))) {
        await c.query(`LISTEN ${c.escapeIdentifier(channel)}`);
      }
    } catch (error) {
      await c.end().catch(() => {});
      throw error;
    }
    return c;
  }

  function connect(): Promise<pg.Client> {
    connecting ??= (async () => {
      const c = await open();
      if (closed) {
        await c.end().catch(() => {});
        throw new Error('The database is closed');
      }
      client = c;
      attempt = 0;
      healthTimer ??= setInterval(checkHealth, healthCheck.everyMs).unref();
      return c;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  function checkHealth(): void {
    const c = client;
    if (!c) return;
    const timeout = setTimeout(
      () => lost(c, new Error('The LISTEN connection stopped answering')),
      healthCheck.timeoutMs,
    );
    timeout.unref();
    c.query('select 1').then(
      () => clearTimeout(timeout),
      (error: Error) => {
        clearTimeout(timeout);
        lost(c, error);
      },
    );
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer) return;
    const delay = Math.min(maxRetryMs, firstRetryMs * 2 ** attempt++);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().then(
        () => {
          for (const listener of [...listeners]) listener.options.onReconnect?.();
        },
        (error: Error) => {
          if (closed) return;
          report(error);
          scheduleReconnect();
        },
      );
    }, delay);
    retryTimer.unref();
  }

  return {
    async listen(
      channel: string,
      onPayload: (payload: string) => void,
      options: ListenOptions = {},
    ): Promise<Unlisten> {
      assertChannelName(channel);
      if (closed) throw new Error('The database is closed');
      const listener: Listener = { channel, onPayload, options };
      listeners.add(listener);
      try {
        // While a reconnect is pending, the reconnect LISTENs every registered channel.
        const c = client ?? (retryTimer ? undefined : await connect());
        await c?.query(`LISTEN ${c.escapeIdentifier(channel)}`);
      } catch (error) {
        listeners.delete(listener);
        throw error;
      }
      return async () => {
        if (!listeners.delete(listener)) return;
        const c = client;
        if (c && ![...listeners].some((l) => l.channel === channel)) {
          await c.query(`UNLISTEN ${c.escapeIdentifier(channel)}`).catch(() => {});
        }
      };
    },
    async close(): Promise<void> {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(healthTimer);
      retryTimer = undefined;
      const c = client ?? (await connecting?.catch(() => undefined));
      client = undefined;
      listeners.clear();
      await c?.end().catch(() => {});
    },
  };
}
