import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Every setting Confer reads, validated once at boot. The README's settings table mirrors
 * this file. In production every problem is reported at once and startup stops.
 */

const ZMode = z.enum(['embedded', 'production']);
const ZLogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
const ZLogFormat = z.enum(['pretty', 'json']);

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());

const ZEnv = z.object({
  CONFER_MODE: z.preprocess(emptyToUndefined, ZMode.default('embedded')),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: optionalString,
  PUBLIC_BASE_URL: optionalUrl,
  CONFER_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.confer')),
  LOG_LEVEL: z.preprocess(emptyToUndefined, ZLogLevel.default('info')),
  LOG_FORMAT: z.preprocess(emptyToUndefined, ZLogFormat.optional()),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATABASE_MIGRATION_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATABASE_APP_PRINCIPAL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .max(63, 'must be at most 63 characters (a PostgreSQL role name)')
      .regex(/^[^"\0]+$/, 'must not contain a double quote')
      .optional(),
  ),
  DB_POOL_MAX: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).default(10)),
  DATABASE_AUTH: z.preprocess(emptyToUndefined, z.enum(['password', 'entra']).default('password')),
  TRUST_PROXY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((v, ctx): false | number | string[] => {
        const value = v.trim();
        if (value === 'false') return false;
        if (/^\d+$/.test(value) && Number(value) <= 10) return Number(value);
        const list = value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const named = ['loopback', 'linklocal', 'uniquelocal'];
        const isSubnet = (s: string) => {
          const [address = '', prefix] = s.split('/');
          const version = isIP(address);
          return (
            version > 0 &&
            (prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128)))
          );
        };
        if (list.length > 0 && list.every((s) => named.includes(s) || isSubnet(s))) {
          return list;
        }
        ctx.addIssue({
          code: 'custom',
          message: 'must be false, a number of proxy hops (0-10), or addresses/subnets (e.g. 10.0.0.0/8)',
        });
        return z.NEVER;
      })
      .default(false),
  ),
  /** A request header the ingress or CDN fills with the client's country (e.g. CF-IPCountry). */
  CLIENT_COUNTRY_HEADER: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name (letters, digits and hyphens)')
      .optional(),
  ),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalString,
  AZURE_STORAGE_CONNECTION_STRING: optionalString,
  AZURE_STORAGE_ACCOUNT_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  AZURE_STORAGE_CONTAINER: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'must be a valid blob container name')
      .default('confer'),
  ),
  ACS_CONNECTION_STRING: optionalString,
  ACS_ENDPOINT: z.preprocess(emptyToUndefined, z.url({ protocol: /^https$/ }).optional()),
  ACS_EMAIL_SENDER: z.preprocess(emptyToUndefined, z.email().optional()),
  ACS_SMS_SENDER: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +447700900123')
      .optional(),
  ),
  ACS_WEBHOOK_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  UPLOAD_MAX_FILES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).default(130)),
  UPLOAD_MAX_BYTES: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(10 * 1024 ** 3)
      .default(100 * 1024 * 1024),
  ),
  HTTP_HEADERS_TIMEOUT_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(600).default(20)),
  HTTP_REQUEST_TIMEOUT_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(10)
      .max(24 * 3600)
      .default(30 * 60),
  ),
  HTTP_BODY_MIN_BYTES_PER_SECOND: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(0)
      .max(100 * 1024 * 1024)
      .default(1024),
  ),
  HTTP_BODY_RATE_WINDOW_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(600).default(20)),
  HTTP_MAX_CONNECTIONS_PER_IP: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(100_000).optional()),
  CONFER_SEAL_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 random bytes, base64-encoded')
      .optional(),
  ),
  PORTAL_IDLE_MINUTES: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
  ),
  PORTAL_SESSION_HOURS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 7)
      .default(12),
  ),
  ENTRA_ALLOWED_TENANT_IDS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.uuid('each tenant id must be a GUID')).min(1))
      .optional(),
  ),
  AZURE_OPENAI_ENDPOINT: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  AZURE_OPENAI_DEPLOYMENT: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a deployment name (letters, digits, . _ -)')
      .optional(),
  ),
  AZURE_OPENAI_API_VERSION: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, 'must be an API version such as 2024-10-21')
      .default('2024-10-21'),
  ),
  AZURE_OPENAI_TIMEOUT_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(120).default(20)),
  ENTRA_API_AUDIENCE: optionalString,
  ENTRA_CLIENT_ID: z.preprocess(emptyToUndefined, z.uuid('must be a GUID').optional()),
  ENTRA_JWKS_URL: z.preprocess(
    emptyToUndefined,
    z.url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  ),
  ENTRA_ISSUER_TEMPLATE: z.preprocess(
    emptyToUndefined,
    z.string().default('https://login.microsoftonline.com/{tid}/v2.0'),
  ),
});

export type THttpLimits = {
  /** The request line and headers must arrive within this. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (a 100 MB upload on a slow link). */
  requestTimeoutMs: number;
  /** A body slower than this, averaged over `bodyRateWindowMs` while the server reads it, is cut off (0: never). */
  bodyMinBytesPerSecond: number;
  bodyRateWindowMs: number;
  /** Open connections per client address (0: no limit). */
  maxConnectionsPerIp: number;
};

export type TConfig = {
  mode: 'embedded' | 'production';
  port: number;
  host: string;
  publicBaseUrl: string;
  dataDir: string;
  logLevel: z.infer<typeof ZLogLevel>;
  /** One readable line per event (embedded default) or JSON lines (production default). */
  logFormat: z.infer<typeof ZLogFormat>;
  /**
   * `url`: what requests run over (production: a member of the confer_app role, which may not
   * change the audit log); `migrationUrl`: the schema owner, for migrations and the job queue's
   * schema (without it they run over `url`; production's migration job needs it).
   * `appPrincipal`: the login role the migration job makes a member of confer_app (creating it,
   * as an Entra principal on Azure, when missing; see db/ensure-app-principal.ts).
   * `auth: 'entra'`: the password of each new connection is an Entra token (DefaultAzureCredential).
   */
  database: {
    url?: string;
    migrationUrl?: string;
    appPrincipal?: string;
    poolMax: number;
    auth: 'password' | 'entra';
  };
  /** Express `trust proxy`: which hops' X-Forwarded-For to believe for the client address. */
  trustProxy: false | number | string[];
  /**
   * The header the ingress or CDN sets to the client's country (ISO 3166 alpha-2); without it
   * the country comes from the client address and the database shipped in `geoip-country`.
   */
  clientCountryHeader?: string;
  /** Azure Monitor (Application Insights): traces and metrics are exported when set. */
  telemetry: { connectionString?: string };
  storage: { connectionString?: string; accountUrl?: string; container: string };
  /** Seals outgoing email and SMS content at rest; embedded mode keeps one in the data dir. */
  sealKey?: Buffer;
  /** Client portal sessions: idle timeout and absolute lifetime. */
  portal: { idleMinutes: number; sessionHours: number };
  /**
   * Per send: how many files and how many bytes in total. A running upload marks itself alive
   * every `aliveEveryMs` (its body-rate window); one silent for `abandonedAfterMs` is swept.
   */
  uploads: { maxFiles: number; maxBytes: number; aliveEveryMs: number; abandonedAfterMs: number };
  /** What a client may hold open, and for how long (see create-http-server.ts). */
  http: THttpLimits;
  acs: {
    connectionString?: string;
    endpoint?: string;
    emailSender?: string;
    smsSender?: string;
    webhookSecret?: string;
  };
  /**
   * Tone help ("Rewrite" in the staff composer) through an Azure OpenAI chat deployment, signed
   * in with the managed identity. Unset: the feature is off (the button is hidden, the API 404s).
   */
  azureOpenAi?: { endpoint: string; deployment: string; apiVersion: string; timeoutMs: number };
  identity: {
    allowedTenantIds?: string[];
    audience: string;
    clientId?: string;
    jwksUrl: string;
    issuerTemplate: string;
  };
};

/** Presence and transport rules of production, checked on the raw values so that every
 * problem is reported together with the malformed ones. */
function productionProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const get = (name: string) => {
    const v = env[name];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const need = (ok: unknown, message: string) => {
    if (!ok) problems.push(message);
  };
  need(get('DATABASE_URL'), 'DATABASE_URL: required in production');
  need(
    get('AZURE_STORAGE_CONNECTION_STRING') || get('AZURE_STORAGE_ACCOUNT_URL'),
    'AZURE_STORAGE_ACCOUNT_URL or AZURE_STORAGE_CONNECTION_STRING: one is required in production',
  );
  const accountUrl = get('AZURE_STORAGE_ACCOUNT_URL');
  if (accountUrl && !accountUrl.startsWith('https://')) {
    problems.push('AZURE_STORAGE_ACCOUNT_URL: must be https in production');
  }
  need(
    get('ACS_CONNECTION_STRING') || get('ACS_ENDPOINT'),
    'ACS_ENDPOINT or ACS_CONNECTION_STRING: one is required in production',
  );
  need(get('ACS_EMAIL_SENDER'), 'ACS_EMAIL_SENDER: required in production');
  need(get('ACS_WEBHOOK_SECRET'), 'ACS_WEBHOOK_SECRET: required in production');
  need(get('ENTRA_ALLOWED_TENANT_IDS'), 'ENTRA_ALLOWED_TENANT_IDS: required in production');
  need(get('ENTRA_API_AUDIENCE'), 'ENTRA_API_AUDIENCE: required in production');
  need(get('ENTRA_CLIENT_ID'), 'ENTRA_CLIENT_ID: required in production');
  need(get('PUBLIC_BASE_URL'), 'PUBLIC_BASE_URL: required in production');
  need(get('CONFER_SEAL_KEY'), 'CONFER_SEAL_KEY: required in production (openssl rand -base64 32)');
  const base = get('PUBLIC_BASE_URL');
  if (base && !base.startsWith('https://')) problems.push('PUBLIC_BASE_URL: must be https in production');
  const issuer = get('ENTRA_ISSUER_TEMPLATE');
  if (issuer && !issuer.includes('{tid}')) problems.push('ENTRA_ISSUER_TEMPLATE: must contain {tid}');
  return problems;
}

/** Tone help needs both the endpoint and the deployment; https except to this machine. */
function azureOpenAiProblems(env: NodeJS.ProcessEnv, production: boolean): string[] {
  const endpoint = env.AZURE_OPENAI_ENDPOINT?.trim();
  const deployment = env.AZURE_OPENAI_DEPLOYMENT?.trim();
  if (endpoint && !deployment) return ['AZURE_OPENAI_DEPLOYMENT: required with AZURE_OPENAI_ENDPOINT'];
  if (deployment && !endpoint) return ['AZURE_OPENAI_ENDPOINT: required with AZURE_OPENAI_DEPLOYMENT'];
  if (endpoint && URL.canParse(endpoint)) {
    const url = new URL(endpoint);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && (production || !loopback)) {
      return ['AZURE_OPENAI_ENDPOINT: must be https (http only to this machine, outside production)'];
    }
  }
  return [];
}

/** Passwordless PostgreSQL: each URL names its Entra principal and carries no password. */
function databaseAuthProblems(env: NodeJS.ProcessEnv): string[] {
  if (env.DATABASE_AUTH?.trim() !== 'entra') return [];
  if (!env.DATABASE_URL?.trim()) return ['DATABASE_AUTH: entra needs DATABASE_URL'];
  const problems: string[] = [];
  for (const name of ['DATABASE_URL', 'DATABASE_MIGRATION_URL']) {
    const url = env[name]?.trim();
    if (!url || !/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url)) continue;
    const parsed = new URL(url);
    if (parsed.password) problems.push(`${name}: must not carry a password when DATABASE_AUTH=entra`);
    if (!parsed.username) problems.push(`${name}: must name the Entra principal as its user when DATABASE_AUTH=entra`);
  }
  return problems;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Confer cannot start: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Embedded-mode identity: tokens minted by /dev/sign-in, verified like any Entra token. */
export const embeddedAudience = 'api://confer-embedded';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const problems: string[] = [];
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${issue.path.join('.') || 'environment'}: ${issue.message}`);
    }
  }
  const production = env.CONFER_MODE === 'production';
  if (production) problems.push(...productionProblems(env));
  if (parsed.success && parsed.data.HTTP_HEADERS_TIMEOUT_SECONDS > parsed.data.HTTP_REQUEST_TIMEOUT_SECONDS) {
    problems.push('HTTP_HEADERS_TIMEOUT_SECONDS: must not be longer than HTTP_REQUEST_TIMEOUT_SECONDS');
  }
  problems.push(...databaseAuthProblems(env));
  problems.push(...azureOpenAiProblems(env, production));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;

  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    mode: e.CONFER_MODE,
    port: e.PORT,
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    publicBaseUrl,
    dataDir: e.CONFER_DATA_DIR,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (production ? 'json' : 'pretty'),
    database: {
      url: e.DATABASE_URL,
      migrationUrl: e.DATABASE_MIGRATION_URL,
      appPrincipal: e.DATABASE_APP_PRINCIPAL,
      poolMax: e.DB_POOL_MAX,
      auth: e.DATABASE_AUTH,
    },
    trustProxy: e.TRUST_PROXY,
    clientCountryHeader: e.CLIENT_COUNTRY_HEADER,
    telemetry: { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING },
    storage: {
      connectionString: e.AZURE_STORAGE_CONNECTION_STRING,
      accountUrl: e.AZURE_STORAGE_ACCOUNT_URL,
      container: e.AZURE_STORAGE_CONTAINER,
    },
    uploads: {
      maxFiles: e.UPLOAD_MAX_FILES,
      maxBytes: e.UPLOAD_MAX_BYTES,
      aliveEveryMs: e.HTTP_BODY_RATE_WINDOW_SECONDS * 1000,
      abandonedAfterMs: 3 * e.HTTP_BODY_RATE_WINDOW_SECONDS * 1000,
    },
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
      bodyMinBytesPerSecond: e.HTTP_BODY_MIN_BYTES_PER_SECOND,
      bodyRateWindowMs: e.HTTP_BODY_RATE_WINDOW_SECONDS * 1000,
      // production runs behind a proxy: every connection comes from the proxy's few addresses
      maxConnectionsPerIp: e.HTTP_MAX_CONNECTIONS_PER_IP ?? (production ? 0 : 256),
    },
    portal: { idleMinutes: e.PORTAL_IDLE_MINUTES, sessionHours: e.PORTAL_SESSION_HOURS },
    sealKey: e.CONFER_SEAL_KEY ? Buffer.from(e.CONFER_SEAL_KEY, 'base64') : undefined,
    acs: {
      connectionString: e.ACS_CONNECTION_STRING,
      endpoint: e.ACS_ENDPOINT,
      emailSender: e.ACS_EMAIL_SENDER,
      smsSender: e.ACS_SMS_SENDER,
      webhookSecret: e.ACS_WEBHOOK_SECRET,
    },
    azureOpenAi:
      e.AZURE_OPENAI_ENDPOINT && e.AZURE_OPENAI_DEPLOYMENT
        ? {
            endpoint: e.AZURE_OPENAI_ENDPOINT.replace(/\/+$/, ''),
            deployment: e.AZURE_OPENAI_DEPLOYMENT,
            apiVersion: e.AZURE_OPENAI_API_VERSION,
            timeoutMs: e.AZURE_OPENAI_TIMEOUT_SECONDS * 1000,
          }
        : undefined,
    identity: production
      ? {
          allowedTenantIds: e.ENTRA_ALLOWED_TENANT_IDS,
          audience: e.ENTRA_API_AUDIENCE!,
          clientId: e.ENTRA_CLIENT_ID,
          jwksUrl: e.ENTRA_JWKS_URL,
          issuerTemplate: e.ENTRA_ISSUER_TEMPLATE,
        }
      : {
          allowedTenantIds: e.ENTRA_ALLOWED_TENANT_IDS,
          audience: embeddedAudience,
          clientId: e.ENTRA_CLIENT_ID,
          jwksUrl: `http://127.0.0.1:${e.PORT}/dev/jwks.json`,
          issuerTemplate: `${publicBaseUrl}/dev`,
        },
  };
}
