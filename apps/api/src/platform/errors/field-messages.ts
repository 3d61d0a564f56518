import type { ValidationError } from 'class-validator';
import type { Language } from '../http/request-context';

/**
 * Field-level validation messages in Spanish and English, keyed by class-validator constraint
 * name. Constraints without an entry fall back to class-validator's own (English) text.
 */
const CONSTRAINTS: Record<string, Record<Language, string>> = {
  isDefined: { es: 'es obligatorio', en: 'is required' },
  isNotEmpty: { es: 'no puede estar vacío', en: 'must not be empty' },
  isString: { es: 'debe ser un texto', en: 'must be a string' },
  isEmail: { es: 'debe ser un correo electrónico válido', en: 'must be a valid email address' },
  isInt: { es: 'debe ser un número entero', en: 'must be an integer' },
  isNumber: { es: 'debe ser un número', en: 'must be a number' },
  isBoolean: { es: 'debe ser verdadero o falso', en: 'must be true or false' },
  isUuid: { es: 'debe ser un UUID', en: 'must be a UUID' },
  isIn: { es: 'tiene un valor no permitido', en: 'has a value that is not allowed' },
  isEnum: { es: 'tiene un valor no permitido', en: 'has a value that is not allowed' },
  minLength: { es: 'es demasiado corto', en: 'is too short' },
  maxLength: { es: 'es demasiado largo', en: 'is too long' },
  min: { es: 'es menor que el mínimo permitido', en: 'is below the allowed minimum' },
  max: { es: 'es mayor que el máximo permitido', en: 'is above the allowed maximum' },
  isArray: { es: 'debe ser una lista', en: 'must be a list' },
  arrayNotEmpty: { es: 'no puede ser una lista vacía', en: 'must not be an empty list' },
  arrayUnique: { es: 'no puede repetir valores', en: 'must not repeat values' },
  matches: { es: 'no tiene el formato esperado', en: 'does not have the expected format' },
  whitelistValidation: { es: 'no es un campo permitido', en: 'is not an allowed field' },
  isDateString: { es: 'debe ser una fecha ISO 8601', en: 'must be an ISO 8601 date' },
  isISO8601: { es: 'debe ser una fecha ISO 8601', en: 'must be an ISO 8601 date' },
  nestedValidation: { es: 'debe ser un objeto válido', en: 'must be a valid object' },
};

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export function flattenValidationErrors(errors: ValidationError[], language: Language, parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, fallback] of Object.entries(error.constraints ?? {})) {
      const text = CONSTRAINTS[constraint]?.[language] ?? fallback;
      out.push({ field, code: constraint === 'whitelistValidation' ? 'UNKNOWN_FIELD' : constraint, message: `${field} ${text}` });
    }
    if (error.children && error.children.length > 0) out.push(...flattenValidationErrors(error.children, language, field));
  }
  return out;
}
