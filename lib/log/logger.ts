import pino from 'pino';

// JSON logs to stdout; every request logs through a child carrying its request id.
export const logger = pino({
  level: process.env.LOG_LEVEL || (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'traqora' },
  timestamp: pino.stdTimeFunctions.isoTime,
});
