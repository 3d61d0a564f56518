import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../../config/app-config';

const CORRELATION_HEADER = 'x-correlation-id';
const VALID_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** Paths redacted from every log line: credentials, tokens and personal contact data. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.phone',
  '*.phoneNumber',
  '*.email',
  'req.body',
  'err.config',
];

export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      // A caller-supplied correlation id is kept (so a chain of services shares one); otherwise one is made.
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const existing = (req as IncomingMessage & { id?: unknown }).id;
        if (typeof existing === 'string') return existing;
        const incoming = req.headers[CORRELATION_HEADER];
        const id = typeof incoming === 'string' && VALID_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Correlation-Id', id);
        return id;
      },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      customProps: () => ({ service: 'minka-api' }),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: scrubUrl(req.url) }),
        // Database errors carry the query parameters and a `detail` echoing values (e-mails, phones): keep only the shape.
        err: (err: { name?: string; type?: string; message?: string; code?: unknown; stack?: string }) => ({
          type: err.name ?? err.type,
          message: err.message,
          code: err.code,
          stack: err.stack,
        }),
      },
      autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
      quietReqLogger: true,
    },
  };
}

/** Query strings can carry emails or phones (search boxes); keep the path only. */
function scrubUrl(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : `${url.slice(0, q)}?[redacted]`;
}
