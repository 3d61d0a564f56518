import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../platform/errors/domain-error';

export const invalidCredentials = (): DomainError => new DomainError('AUTH_INVALID_CREDENTIALS', HttpStatus.UNAUTHORIZED);
export const refreshInvalid = (): DomainError => new DomainError('AUTH_REFRESH_INVALID', HttpStatus.UNAUTHORIZED);
export const refreshReused = (): DomainError => new DomainError('AUTH_REFRESH_REUSED', HttpStatus.UNAUTHORIZED);
