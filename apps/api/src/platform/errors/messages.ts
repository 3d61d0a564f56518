import type { Language } from '../http/request-context';

export interface MessageEntry {
  title: Record<Language, string>;
  detail: Record<Language, string>;
}
type Catalogue = Record<string, MessageEntry>;

const registry = new Map<string, MessageEntry>();

/**
 * Registers a catalogue of user-facing messages (Spanish and English, both required by the type).
 * Each domain defines its own in `<domain>.errors.ts`; codes are global and must be unique.
 * Details take `{name}` placeholders filled from the error's params.
 */
export function defineMessages<const T extends Catalogue>(catalogue: T): { [K in keyof T]: K } {
  const codes = {} as { [K in keyof T]: K };
  for (const [code, entry] of Object.entries(catalogue)) {
    const existing = registry.get(code);
    if (existing && existing !== entry) throw new Error(`message code ${code} is defined twice`);
    registry.set(code, entry);
    (codes as Record<string, string>)[code] = code;
  }
  return codes;
}

/** The platform's own messages. */
export const MESSAGES = {
  VALIDATION_FAILED: {
    title: { es: 'Datos no válidos', en: 'Invalid data' },
    detail: { es: 'Revise los campos indicados.', en: 'Check the fields listed.' },
  },
  UNKNOWN_FIELD: {
    title: { es: 'Campo no permitido', en: 'Field not allowed' },
    detail: { es: 'El campo «{field}» no está permitido.', en: 'The field "{field}" is not allowed.' },
  },
  MALFORMED_JSON: {
    title: { es: 'JSON mal formado', en: 'Malformed JSON' },
    detail: { es: 'El cuerpo de la solicitud no es JSON válido.', en: 'The request body is not valid JSON.' },
  },
  PAYLOAD_TOO_LARGE: {
    title: { es: 'Solicitud demasiado grande', en: 'Payload too large' },
    detail: { es: 'El cuerpo de la solicitud supera el límite de {limit}.', en: 'The request body exceeds the {limit} limit.' },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    title: { es: 'Tipo de contenido no admitido', en: 'Unsupported media type' },
    detail: { es: 'Envíe el cuerpo como application/json.', en: 'Send the body as application/json.' },
  },
  NOT_FOUND: {
    title: { es: 'No encontrado', en: 'Not found' },
    detail: { es: 'El recurso solicitado no existe.', en: 'The requested resource does not exist.' },
  },
  ROUTE_NOT_FOUND: {
    title: { es: 'Ruta no encontrada', en: 'Route not found' },
    detail: { es: 'No existe {method} {path}.', en: 'There is no {method} {path}.' },
  },
  METHOD_NOT_ALLOWED: {
    title: { es: 'Método no permitido', en: 'Method not allowed' },
    detail: { es: 'Este método no está permitido en esta ruta.', en: 'This method is not allowed on this route.' },
  },
  AUTH_REQUIRED: {
    title: { es: 'Autenticación requerida', en: 'Authentication required' },
    detail: { es: 'Inicie sesión para continuar.', en: 'Sign in to continue.' },
  },
  AUTH_TOKEN_INVALID: {
    title: { es: 'Sesión no válida', en: 'Invalid session' },
    detail: {
      es: 'Su sesión no es válida o ha expirado. Inicie sesión de nuevo.',
      en: 'Your session is invalid or has expired. Sign in again.',
    },
  },
  AUTH_INVALID_CREDENTIALS: {
    title: { es: 'Credenciales incorrectas', en: 'Invalid credentials' },
    detail: { es: 'El correo o la contraseña no son correctos.', en: 'The email or password is not correct.' },
  },
  AUTH_REFRESH_INVALID: {
    title: { es: 'Sesión no válida', en: 'Invalid session' },
    detail: { es: 'El token de renovación no es válido. Inicie sesión de nuevo.', en: 'The refresh token is not valid. Sign in again.' },
  },
  AUTH_REFRESH_REUSED: {
    title: { es: 'Sesión revocada', en: 'Session revoked' },
    detail: {
      es: 'Se reutilizó un token de renovación ya usado; por seguridad se cerraron todas las sesiones de esta cadena.',
      en: 'An already-used refresh token was presented again; for safety every session of that chain was closed.',
    },
  },
  FORBIDDEN: {
    title: { es: 'Acceso denegado', en: 'Access denied' },
    detail: { es: 'Su rol no permite esta acción.', en: 'Your role does not allow this action.' },
  },
  TOO_MANY_REQUESTS: {
    title: { es: 'Demasiadas solicitudes', en: 'Too many requests' },
    detail: {
      es: 'Demasiados intentos. Vuelva a intentarlo en {retryAfter} segundos.',
      en: 'Too many attempts. Try again in {retryAfter} seconds.',
    },
  },
  PASSWORD_TOO_WEAK: {
    title: { es: 'Contraseña débil', en: 'Weak password' },
    detail: { es: 'La contraseña es demasiado común; elija otra.', en: 'The password is too common; choose another.' },
  },
  EMAIL_TAKEN: {
    title: { es: 'Correo en uso', en: 'Email in use' },
    detail: { es: 'Ya existe un usuario con el correo {email}.', en: 'A user with email {email} already exists.' },
  },
  ORGANIZATION_SLUG_TAKEN: {
    title: { es: 'Identificador en uso', en: 'Identifier in use' },
    detail: {
      es: 'Ya existe una organización con el identificador «{slug}».',
      en: 'An organisation with identifier "{slug}" already exists.',
    },
  },
  ORGANIZATION_INACTIVE: {
    title: { es: 'Organización inactiva', en: 'Inactive organisation' },
    detail: { es: 'La organización está desactivada.', en: 'The organisation is deactivated.' },
  },
  CANNOT_DISABLE_SELF: {
    title: { es: 'Acción no permitida', en: 'Action not allowed' },
    detail: { es: 'No puede desactivar su propia cuenta.', en: 'You cannot disable your own account.' },
  },
  IDEMPOTENCY_KEY_INVALID: {
    title: { es: 'Clave de idempotencia no válida', en: 'Invalid idempotency key' },
    detail: {
      es: 'La cabecera Idempotency-Key debe tener entre 8 y 255 caracteres visibles.',
      en: 'The Idempotency-Key header must be 8 to 255 visible characters.',
    },
  },
  IDEMPOTENCY_KEY_REQUIRED: {
    title: { es: 'Falta la clave de idempotencia', en: 'Idempotency key required' },
    detail: { es: 'Esta operación requiere la cabecera Idempotency-Key.', en: 'This operation requires the Idempotency-Key header.' },
  },
  IDEMPOTENCY_KEY_REUSED: {
    title: { es: 'Clave de idempotencia reutilizada', en: 'Idempotency key reused' },
    detail: {
      es: 'Esta clave ya se usó con otra solicitud distinta; use una clave nueva.',
      en: 'This key was already used with a different request; use a new key.',
    },
  },
  IDEMPOTENCY_REQUEST_IN_PROGRESS: {
    title: { es: 'Solicitud en curso', en: 'Request in progress' },
    detail: {
      es: 'Una solicitud con esta clave aún se está procesando; vuelva a intentarlo en unos segundos.',
      en: 'A request with this key is still being processed; retry in a few seconds.',
    },
  },
  DATABASE_UNAVAILABLE: {
    title: { es: 'Servicio no disponible', en: 'Service unavailable' },
    detail: {
      es: 'La base de datos no está disponible en este momento; vuelva a intentarlo pronto.',
      en: 'The database is unavailable right now; try again shortly.',
    },
  },
  DEMO_DATA_FORBIDDEN: {
    title: { es: 'Datos de demostración no permitidos', en: 'Demo data not allowed' },
    detail: { es: 'Los datos de demostración no se cargan en producción.', en: 'Demo data is never loaded in production.' },
  },
  INTERNAL_ERROR: {
    title: { es: 'Error interno', en: 'Internal error' },
    detail: {
      es: 'Ocurrió un error inesperado. Indique el identificador {correlationId} al equipo de soporte.',
      en: 'An unexpected error occurred. Give the identifier {correlationId} to support.',
    },
  },
} satisfies Catalogue;
defineMessages(MESSAGES);

/** A registered message code (platform codes are listed in MESSAGES; domains add theirs with defineMessages). */
export type MessageCode = keyof typeof MESSAGES | (string & {});

export function render(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : match;
  });
}

export function message(code: MessageCode, language: Language, params?: Record<string, unknown>): { title: string; detail: string } {
  const entry = registry.get(code) ?? MESSAGES.INTERNAL_ERROR;
  return { title: entry.title[language], detail: render(entry.detail[language], params) };
}
