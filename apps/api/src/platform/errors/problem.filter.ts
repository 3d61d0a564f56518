import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, RequestValidationError } from './domain-error';
import { flattenValidationErrors } from './field-messages';
import { buildProblem, sendProblem, type ProblemDocument } from './problem';
import type { MessageCode } from './messages';
import { languageOf, correlationIdOf } from '../http/request-language';
import { isDatabaseUnavailable } from './database-errors';

/**
 * The single place where failures become HTTP responses: RFC 9457 problem+json in the caller's
 * language, with the request's correlation id. Anything unexpected is a bare 500 — logged in full
 * here, never echoed to the client.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const language = languageOf(req);
    const correlationId = correlationIdOf(req);
    const { problem, headers } = this.toProblem(exception, req, language, correlationId);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, correlationId, code: problem.code, status: problem.status }, 'request failed');
    }
    sendProblem(res, problem, headers);
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
