import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs, one object per line on stdout, the way the log
 * pipeline expects them: `level` as a word, `time` as an ISO timestamp.
 * For readable logs on your machine: `npm run dev | npx pino-pretty`.
 */
export function createLogger(name: string, level: string, destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label: string) => ({ level: label }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
