import { HttpStatus, Param, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name: string): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
          { field: name, code: 'isUuid', message: `${name} must be a UUID` },
        ]),
    }),
  );
