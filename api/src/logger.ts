import { pino, type Logger } from 'pino';
import type { TConfig } from './config.js';

/**
 * JSON logs to stdout (pretty in embedded mode). Callers log ids and outcomes only:
 * never bodies, tokens, codes or message text. Known secret-bearing keys are redacted as a
 * second line of defence.
 */
export function createLogger(config: Pick<TConfig, 'mode' | 'logLevel'>): Logger {
  const pretty = config.mode === 'embedded' && config.logLevel !== 'silent' && process.stdout.isTTY;
  return pino({
    level: config.logLevel,
    base: { service: 'confer-api' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'token', 'code', 'body', '*.token', '*.password'],
      censor: '[redacted]',
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, singleLine: true } } } : {}),
  });
}

export type { Logger };
