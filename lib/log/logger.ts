import pino, { type LoggerOptions } from 'pino';
import { REDACT_PATHS, scrub, scrubText } from './redact';

// JSON logs to stdout; every request logs through a child carrying its request id. Nothing
// secret or personal gets through (lib/log/redact.ts): known paths are redacted, and every
// record and message is scrubbed of tokens, cookies, secret keys and emails.
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'traqora' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    formatters: { log: (record) => scrub(record) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        // The message itself (and printf-style arguments) can quote input too.
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>);
      },
    },
  };
}

export const logger = pino(loggerOptions(process.env.LOG_LEVEL || (process.env.NODE_ENV === 'test' ? 'silent' : 'info')));
