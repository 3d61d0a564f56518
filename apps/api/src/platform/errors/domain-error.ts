import { HttpStatus } from '@nestjs/common';
import type { MessageCode } from './messages';
import type { FieldError } from './field-messages';

/**
 * A failure the caller can act on, with a stable code. The global filter turns it into
 * RFC 9457 problem+json in the caller's language.
 */
export class DomainError extends Error {
  constructor(
    readonly code: MessageCode,
    readonly status: HttpStatus,
    readonly params: Record<string, unknown> = {},
    readonly errors: FieldError[] | undefined = undefined,
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

/** Validation failures are produced before the language is resolved; the filter renders them. */
export class RequestValidationError extends Error {
  constructor(readonly validationErrors: import('class-validator').ValidationError[]) {
    super('VALIDATION_FAILED');
    this.name = 'RequestValidationError';
  }
}

export const notFound = (): DomainError => new DomainError('NOT_FOUND', HttpStatus.NOT_FOUND);
export const forbidden = (): DomainError => new DomainError('FORBIDDEN', HttpStatus.FORBIDDEN);

/**
 * An object-level denial answered as 404, so that the object's existence is not revealed (another
 * donor's receipt, another community's need). The problem filter audit-logs it as `access.denied`
 * like every 403.
 */
export class HiddenDenialError extends DomainError {
  constructor(readonly reason: string) {
    super('NOT_FOUND', HttpStatus.NOT_FOUND);
    this.name = 'HiddenDenialError';
  }
}

export const deniedAsNotFound = (reason: string): HiddenDenialError => new HiddenDenialError(reason);
