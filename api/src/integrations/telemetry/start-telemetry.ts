/** What the processor needs of an OpenTelemetry span (sdk-trace-base's Span has it). */
type TStartedSpan = { attributes: Record<string, unknown>; setAttribute(key: string, value: string): unknown };

/** Span attributes that may carry a URL's query string (old and new HTTP conventions). */
const urlAttributes = ['http.url', 'http.target', 'url.full', 'url.query'] as const;

/**
 * Query strings can carry secrets (the webhook's `?code=`) and search words: spans keep the
 * path only. Runs at span start, after the HTTP instrumentation has set its attributes.
 */
export const dropQueryStrings = {
  onStart(span: TStartedSpan) {
    for (const key of urlAttributes) {
      const value = span.attributes[key];
      if (typeof value !== 'string') continue;
      if (key === 'url.query') span.setAttribute(key, '');
      else if (value.includes('?')) span.setAttribute(key, value.slice(0, value.indexOf('?')));
    }
  },
  onEnd() {},
  forceFlush: async () => {},
  shutdown: async () => {},
};

/**
 * Azure Monitor (Application Insights) traces and metrics, only when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set: the package is imported on demand, and its
 * ESM loader hook is registered before the server's modules load so that http, express and pg
 * are instrumented. Nothing but the firm's own Application Insights receives data: the SDK's
 * own usage reporting (statsbeat), live metrics and the browser snippet stay off.
 */
export async function startTelemetry(env: NodeJS.ProcessEnv): Promise<boolean> {
  const connectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim();
  if (!connectionString) return false;
  env.APPLICATION_INSIGHTS_NO_STATSBEAT ??= 'true';
  env.APPLICATIONINSIGHTS_STATSBEAT_DISABLED ??= 'true';
  env.OTEL_SERVICE_NAME ??= 'confer-api';
  await import('@azure/monitor-opentelemetry/loader');
  const { useAzureMonitor } = await import('@azure/monitor-opentelemetry');
  // only queries inside a traced operation (a request): pg-boss polls several times a second
  // and would otherwise use up the sampler's traces per second
  const postgreSql = { enabled: true, requireParentSpan: true };
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    browserSdkLoaderOptions: { enabled: false },
    spanProcessors: [dropQueryStrings],
    instrumentationOptions: {
      http: { enabled: true },
      postgreSql,
      azureSdk: { enabled: true },
    },
  });
  return true;
}
