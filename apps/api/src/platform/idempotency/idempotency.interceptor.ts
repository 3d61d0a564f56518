import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AuthenticatedRequest } from '../auth/authenticated-user';
import { DomainError } from '../errors/domain-error';
import { TransactionRunner } from '../transaction/transaction-runner';
import { IDEMPOTENCY_MODE, type IdempotencyMode } from './idempotent.decorator';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

export const IDEMPOTENCY_RETENTION_HOURS = 24;
/** How long a request may hold its key before a retry is allowed to take over (its process died). */
const LEASE_SECONDS = 60;
const KEY_PATTERN = /^[\x21-\x7E]{8,255}$/;

/**
 * The stored response and the use case commit in one transaction (the use case joins the ambient
 * transaction through TransactionRunner), so a crash can never leave a write without its key or a
 * key without its write. A claim row marks the key in progress; a failed request releases it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const mode = this.reflector.get<IdempotencyMode | undefined>(IDEMPOTENCY_MODE, context.getHandler()) ?? 'optional';
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const header = req.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (key === undefined) {
      if (mode === 'required')
        throw new DomainError('IDEMPOTENCY_KEY_REQUIRED', HttpStatus.BAD_REQUEST, {}, [
          { field: 'Idempotency-Key', code: 'isDefined', message: 'Idempotency-Key' },
        ]);
      return next.handle();
    }
    if (!KEY_PATTERN.test(key)) {
      throw new DomainError('IDEMPOTENCY_KEY_INVALID', HttpStatus.BAD_REQUEST, {}, [
        { field: 'Idempotency-Key', code: 'matches', message: 'Idempotency-Key' },
      ]);
    }
    const scope = req.user ? `user:${req.user.id}` : `ip:${req.ip ?? 'unknown'}`;
    const path = req.originalUrl.split('?')[0] ?? req.originalUrl;
    const requestHash = hashRequest(req.method, path, req.body);
    const successStatus =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (req.method === 'POST' ? 201 : 200);
    return from(this.execute(scope, key, req.method, path, requestHash, successStatus, res, next));
  }

  private async execute(
    scope: string,
    key: string,
    method: string,
    path: string,
    requestHash: string,
    successStatus: number,
    res: Response,
    next: CallHandler,
  ): Promise<unknown> {
    const claim = await this.claim(scope, key, method, path, requestHash);
    if (claim.kind === 'replay') {
      res.status(claim.status);
      res.setHeader('Idempotent-Replayed', 'true');
      return claim.body;
    }
    try {
      return await this.transactions.runAmbient(async (manager) => {
        const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
        await manager.query(
          `UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_body = $4::jsonb WHERE scope = $1 AND key = $2`,
          [scope, key, successStatus, JSON.stringify(body ?? null)],
        );
        return body;
      });
    } catch (error) {
      await this.dataSource
        .createQueryBuilder()
        .delete()
        .from(IdempotencyKeyEntity)
        .where('scope = :scope AND key = :key AND state = :state', { scope, key, state: 'in_progress' })
        .execute()
        .catch(() => undefined);
      throw error;
    }
  }

  private async claim(
    scope: string,
    key: string,
    method: string,
    path: string,
    requestHash: string,
  ): Promise<{ kind: 'proceed' } | { kind: 'replay'; status: number; body: unknown }> {
    // One statement: insert the claim, or take over an expired one (finished > retention, or an abandoned lease).
    const rows: Array<{ claimed: boolean }> = await this.dataSource.query(
      `INSERT INTO idempotency_keys (scope, key, method, path, request_hash, state, created_at, locked_until, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'in_progress', now(), now() + make_interval(secs => $6), now() + make_interval(hours => $7))
       ON CONFLICT (scope, key) DO UPDATE
         SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash, state = 'in_progress',
             response_status = NULL, response_body = NULL, created_at = now(),
             locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at < now()
            OR (idempotency_keys.state = 'in_progress' AND idempotency_keys.locked_until < now()
                AND idempotency_keys.request_hash = EXCLUDED.request_hash)
       RETURNING true AS claimed`,
      [scope, key, method, path, requestHash, LEASE_SECONDS, IDEMPOTENCY_RETENTION_HOURS],
    );
    if (rows.length > 0) return { kind: 'proceed' };
    const existing = await this.dataSource.getRepository(IdempotencyKeyEntity).findOneBy({ scope, key });
    if (!existing) return this.claim(scope, key, method, path, requestHash);
    if (existing.requestHash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', HttpStatus.UNPROCESSABLE_ENTITY);
    if (existing.state === 'in_progress') {
      throw new DomainError('IDEMPOTENCY_REQUEST_IN_PROGRESS', HttpStatus.CONFLICT, {}, undefined, { 'Retry-After': '1' });
    }
    return { kind: 'replay', status: existing.responseStatus ?? 200, body: existing.responseBody };
  }
}

export function hashRequest(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest('hex');
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
