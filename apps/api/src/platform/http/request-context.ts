import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuthenticatedUser } from '../auth/authenticated-user';

export type Language = 'es' | 'en';

/** Per-request facts that deep layers need (audit actor, correlation id, language) without threading them through every call. */
export interface RequestContext {
  correlationId: string;
  ip: string | null;
  language: Language;
  user?: AuthenticatedUser;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
