import { pino, type Logger } from 'pino';
import type { TConfig } from './config.js';

/**
 * Logs to stdout: JSON lines (production's default), or one readable line per event through
 * pino-pretty (embedded mode's default; coloured on a terminal). Callers log ids and outcomes
 * only: never bodies, tokens, codes or message text. Known secret-bearing keys are redacted as
 * a second line of defence.
 */
export function createLogger(config: Pick<TConfig, 'logLevel'> & Partial<Pick<TConfig, 'logFormat'>>): Logger {
  const pretty = config.logFormat === 'pretty' && config.logLevel !== 'silent';
  return pino({
    level: config.logLevel,
    base: { service: 'confer-api' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'token', 'code', 'body', '*.token', '*.password'],
      censor: '[redacted]',
    },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: {
              colorize: Boolean(process.stdout.isTTY),
              singleLine: true,
              translateTime: 'SYS:HH:MM:ss',
              ignore: 'pid,hostname,service',
            },
          },
        }
      : {}),
  });
}

export type { Logger };
