import type { ArgumentsHost } from '@nestjs/common';
import { HttpStatus } from '@nestjs/common';
import { DomainError } from './domain-error';
import { ProblemFilter } from './problem.filter';

function hostFor(headers: Record<string, string> = {}) {
  const sent: { status?: number; type?: string; body?: string; headers: Record<string, string> } = { headers: {} };
  const res = {
    headersSent: false,
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(t: string) {
      sent.type = t;
      return this;
    },
    send(body: string) {
      sent.body = body;
      return this;
    },
  };
  const req = {
    id: 'corr-1234-5678',
    method: 'GET',
    path: '/x',
    headers,
    acceptsLanguages: (...langs: string[]) => (headers['accept-language']?.startsWith('en') ? 'en' : langs[0]),
  };
  const host = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('ProblemFilter', () => {
  const filter = new ProblemFilter();
  jest.spyOn((filter as unknown as { logger: { error: () => void } }).logger, 'error').mockImplementation(() => undefined);

  it('turns an unexpected error into a bare 500 with the correlation id and nothing internal', async () => {
    const { host, sent } = hostFor();
    await filter.catch(new Error('relation "secret_table" does not exist at /srv/app/x.ts:12'), host);
    expect(sent.status).toBe(500);
    expect(sent.type).toBe('application/problem+json');
    const body = JSON.parse(sent.body ?? '{}');
    expect(body).toEqual(expect.objectContaining({ status: 500, code: 'INTERNAL_ERROR', correlationId: 'corr-1234-5678' }));
    expect(sent.body).not.toMatch(/secret_table|\/srv\/app|stack/);
  });

  it('turns a lost database connection into 503, not 500', async () => {
    const { host, sent } = hostFor();
    await filter.catch(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), host);
    expect(sent.status).toBe(503);
    expect(JSON.parse(sent.body ?? '{}').code).toBe('DATABASE_UNAVAILABLE');
  });

  it('renders a domain error with its code, parameters, headers and language', async () => {
    const { host, sent } = hostFor({ 'accept-language': 'en' });
    await filter.catch(
      new DomainError('TOO_MANY_REQUESTS', HttpStatus.TOO_MANY_REQUESTS, { retryAfter: 30 }, undefined, { 'Retry-After': '30' }),
      host,
    );
    expect(sent.status).toBe(429);
    expect(sent.headers['Retry-After']).toBe('30');
    expect(JSON.parse(sent.body ?? '{}').detail).toBe('Too many attempts. Try again in 30 seconds.');
  });
});

describe('database-unavailable classification', () => {
  it('treats connection loss, server shutdown and a released query runner as 503, a SQL error as 500', async () => {
    const { isDatabaseUnavailable } = await import('./database-errors');
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('released'), { name: 'QueryRunnerProviderAlreadyReleasedError' }))).toBe(true);
    expect(isDatabaseUnavailable({ driverError: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) })).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error at or near "x"'), { code: '42601' }))).toBe(false);
  });
});
