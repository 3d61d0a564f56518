import type { Request } from 'express';
import type { Language } from './request-context';

/** Spanish unless the caller prefers English (Accept-Language negotiation by Express). */
export function languageOf(req: Request): Language {
  const best = typeof req.acceptsLanguages === 'function' ? req.acceptsLanguages('es', 'en') : false;
  return best === 'en' ? 'en' : 'es';
}

export function correlationIdOf(req: Request): string {
  const id = (req as Request & { id?: unknown }).id;
  return typeof id === 'string' ? id : typeof id === 'number' ? String(id) : '';
}
