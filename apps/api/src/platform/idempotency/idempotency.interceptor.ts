import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedRequest } from '../auth/authenticated-user';
import { DomainError } from '../errors/domain-error';
import { TransactionRunner } from '../transaction/transaction-runner';
import { IDEMPOTENCY_ANONYMOUS_SCOPE, IDEMPOTENCY_MODE, type IdempotencyMode, type IdempotentOptions } from './idempotent.decorator';

export const IDEMPOTENCY_RETENTION_HOURS = 24;
const KEY_PATTERN = /^[\x21-\x7E]{8,255}$/;

interface StoredOutcome {
  request_hash: string;
  response_status: number;
  response_body: unknown;
  expired: boolean;
}

/**
 * Exactly-once POSTs. The whole request runs in one transaction that first takes a
 * transaction-scoped advisory lock on (user, key):
 *  - lock busy → another request with this key is running → 409;
 *  - a stored outcome exists → replay it (422 if the body differs);
 *  - otherwise the use case runs (joining this transaction through TransactionRunner) and its
 *    response is stored before the commit — write and key commit together or not at all.
 * A crash or an error rolls everything back and releases the lock, so a retry simply runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly transactions: TransactionRunner,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const mode = this.reflector.get<IdempotencyMode | undefined>(IDEMPOTENCY_MODE, context.getHandler()) ?? 'optional';
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const header = req.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (key === undefined) {
      if (mode === 'required') {
        throw new DomainError('IDEMPOTENCY_KEY_REQUIRED', HttpStatus.BAD_REQUEST, {}, [
          { field: 'Idempotency-Key', code: 'isDefined', message: 'Idempotency-Key' },
        ]);
      }
      return next.handle();
    }
    if (!KEY_PATTERN.test(key)) {
      throw new DomainError('IDEMPOTENCY_KEY_INVALID', HttpStatus.BAD_REQUEST, {}, [
        { field: 'Idempotency-Key', code: 'matches', message: 'Idempotency-Key' },
      ]);
    }
    const anonymousScope = this.reflector.get<IdempotentOptions['anonymousScope']>(IDEMPOTENCY_ANONYMOUS_SCOPE, context.getHandler());
    const custom = !req.user && anonymousScope ? anonymousScope(req) : null;
    const scope = req.user ? `user:${req.user.id}` : custom ? `anon:${custom}` : `ip:${req.ip ?? 'unknown'}`;
    const path = req.originalUrl.split('?')[0] ?? req.originalUrl;
    const requestHash = hashRequest(req.method, path, req.body);
    const successStatus =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (req.method === 'POST' ? 201 : 200);

    return from(
      this.transactions.runAmbient(async (manager) => {
        await this.lock(manager, scope, key);
        const stored = await this.find(manager, scope, key);
        if (stored && !stored.expired) {
          if (stored.request_hash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', HttpStatus.UNPROCESSABLE_ENTITY);
          res.status(stored.response_status);
          res.setHeader('Idempotent-Replayed', 'true');
          return stored.response_body;
        }
        const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
        await manager.query(
          `INSERT INTO idempotency_keys (scope, key, method, path, request_hash, response_status, response_body, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, now(), now() + make_interval(hours => $8))
           ON CONFLICT (scope, key) DO UPDATE SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash,
             response_status = EXCLUDED.response_status, response_body = EXCLUDED.response_body,
             created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`,
          [scope, key, req.method, path, requestHash, successStatus, JSON.stringify(body ?? null), IDEMPOTENCY_RETENTION_HOURS],
        );
        return body;
      }),
    );
  }

  private async lock(manager: EntityManager, scope: string, key: string): Promise<void> {
    const rows: Array<{ locked: boolean }> = await manager.query(`SELECT pg_try_advisory_xact_lock(${IDEMPOTENCY_LOCK_SQL}) AS locked`, [
      idempotencyLockName(scope, key),
    ]);
    if (!rows[0]?.locked) {
      throw new DomainError('IDEMPOTENCY_REQUEST_IN_PROGRESS', HttpStatus.CONFLICT, {}, undefined, { 'Retry-After': '1' });
    }
  }

  private async find(manager: EntityManager, scope: string, key: string): Promise<StoredOutcome | undefined> {
    const rows: StoredOutcome[] = await manager.query(
      `SELECT request_hash, response_status, response_body, expires_at < now() AS expired FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    return rows[0];
  }
}

/** SQL expression of the advisory lock key; `$1` is idempotencyLockName(scope, key). */
export const IDEMPOTENCY_LOCK_SQL = `hashtextextended($1, 727003)`;

export function idempotencyLockName(scope: string, key: string): string {
  return `idempotency:${scope}:${key}`;
}

export function hashRequest(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body)}`).digest('hex');
}

/** JSON with object keys sorted, so that the same body written in another key order hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
