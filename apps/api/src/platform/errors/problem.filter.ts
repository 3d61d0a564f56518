import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, HiddenDenialError, RequestValidationError } from './domain-error';
import { flattenValidationErrors } from './field-messages';
import { buildProblem, sendProblem, type ProblemDocument } from './problem';
import type { MessageCode } from './messages';
import { languageOf, correlationIdOf } from '../http/request-language';
import { isDatabaseUnavailable } from './database-errors';
import { AuditService } from '../audit/audit.service';

/**
 * The single place where failures become HTTP responses: RFC 9457 problem+json in the caller's
 * language, with the request's correlation id. Anything unexpected is a bare 500 — logged in full
 * here, never echoed to the client. Every 403 (a role the route does not admit, or an object-level
 * check such as another organisation's plan or another community's delivery) is written to the
 * audit log as `access.denied` on its own — the use case's transaction has already rolled back.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(@Optional() private readonly audit?: AuditService) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const language = languageOf(req);
    const correlationId = correlationIdOf(req);
    const { problem, headers } = this.toProblem(exception, req, language, correlationId);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, correlationId, code: problem.code, status: problem.status }, 'request failed');
    }
    if (exception instanceof HiddenDenialError) await this.auditDenial(req, `${problem.code}: ${exception.reason}`);
    else if (problem.status === 403) await this.auditDenial(req, problem.code);
    sendProblem(res, problem, headers);
  }

  private async auditDenial(req: Request, code: string): Promise<void> {
    if (!this.audit) return;
    const route = (req.route as { path?: string } | undefined)?.path ?? req.path;
    const params = (req.params ?? {}) as Record<string, string | undefined>;
    const entityId = Object.values(params).find((v) => typeof v === 'string' && UUID.test(v)) ?? null;
    try {
      await this.audit.recordStandalone({
        action: 'access.denied',
        entityType: 'route',
        entityId,
        summary: `${req.method} ${route} denied (${code})`,
      });
    } catch (err) {
      this.logger.warn({ err, code }, 'could not audit-log an access denial');
    }
  }

  private toProblem(
    exception: unknown,
    req: Request,
    language: 'es' | 'en',
    correlationId: string,
  ): { problem: ProblemDocument; headers: Record<string, string> } {
    if (exception instanceof DomainError) {
      return {
        problem: buildProblem(exception.code, exception.status, language, correlationId, exception.params, exception.errors),
        headers: exception.headers,
      };
    }
    if (exception instanceof RequestValidationError) {
      const errors = flattenValidationErrors(exception.validationErrors, language);
      const unknown = errors.filter((e) => e.code === 'UNKNOWN_FIELD');
      const code: MessageCode = unknown.length > 0 && unknown.length === errors.length ? 'UNKNOWN_FIELD' : 'VALIDATION_FAILED';
      return {
        problem: buildProblem(
          code,
          HttpStatus.BAD_REQUEST,
          language,
          correlationId,
          { field: unknown.map((e) => e.field).join(', ') },
          errors,
        ),
        headers: {},
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = httpStatusCode(status);
      const params = { method: req.method, path: req.path };
      return { problem: buildProblem(code, status, language, correlationId, params), headers: {} };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        problem: buildProblem('DATABASE_UNAVAILABLE', HttpStatus.SERVICE_UNAVAILABLE, language, correlationId),
        headers: { 'Retry-After': '5' },
      };
    }
    return { problem: buildProblem('INTERNAL_ERROR', HttpStatus.INTERNAL_SERVER_ERROR, language, correlationId), headers: {} };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function httpStatusCode(status: number): MessageCode {
  switch (status) {
    case 400:
      return 'VALIDATION_FAILED';
    case 401:
      return 'AUTH_REQUIRED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'ROUTE_NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'TOO_MANY_REQUESTS';
    case 503:
      return 'DATABASE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED';
  }
}
