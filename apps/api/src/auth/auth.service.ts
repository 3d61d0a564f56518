import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokenService } from '../platform/auth/access-token.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { notFound } from '../platform/errors/domain-error';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import { UserEntity } from '../users/user.entity';
import { invalidCredentials, refreshInvalid, refreshReused } from './auth.errors';
import type { LoginDto, MeDto, TokenPairDto } from './dto/auth.dto';
import { ARGON2_OPTIONS } from './password-policy';
import { RefreshTokenEntity } from './refresh-token.entity';

export const REFRESH_TOKEN_TTL_DAYS = 14;

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

type RefreshOutcome = { ok: true; tokens: TokenPairDto } | { ok: false; reused: boolean };

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both failures take the same time. */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly accessTokens: AccessTokenService,
    private readonly audit: AuditService,
  ) {
    this.dummyHash = argon2.hash(randomUUID(), ARGON2_OPTIONS);
  }

  async login(input: LoginDto): Promise<TokenPairDto> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .innerJoinAndSelect('u.organization', 'o')
      .where('lower(u.email) = :email', { email: input.email.toLowerCase() })
      .getOne();
    const hash = user?.passwordHash ?? (await this.dummyHash);
    const passwordOk = await argon2.verify(hash, input.password).catch(() => false);
    const allowed = user !== null && passwordOk && user.status === 'active' && user.organization?.active === true;
    if (!allowed) {
      await this.transactions.run((manager) =>
        this.audit.record(manager, {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          actorUserId: null,
          organizationId: user?.organizationId ?? null,
          summary: user ? `Failed sign-in for user ${user.id}` : 'Failed sign-in for an unknown account',
        }),
      );
      throw invalidCredentials();
    }
    return this.transactions.run(async (manager) => {
      if (argon2.needsRehash(user.passwordHash, ARGON2_OPTIONS)) {
        user.passwordHash = await argon2.hash(input.password, ARGON2_OPTIONS);
        await manager.update(UserEntity, { id: user.id }, { passwordHash: user.passwordHash });
      }
      await manager.update(UserEntity, { id: user.id }, { lastLoginAt: new Date() });
      const tokens = await this.issue(manager, user, randomUUID());
      await this.audit.record(manager, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        actorUserId: user.id,
        organizationId: user.organizationId,
        summary: 'Signed in',
      });
      return tokens;
    });
  }

  async refresh(refreshToken: string): Promise<TokenPairDto> {
    const outcome = await this.transactions.run(async (manager): Promise<RefreshOutcome> => {
      const row = await manager
        .getRepository(RefreshTokenEntity)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: sha256(refreshToken) })
        .getOne();
      if (!row || row.revokedAt) return { ok: false, reused: false };
      if (row.usedAt) {
        // A used token presented again: someone holds a copy. End the whole chain.
        await this.revokeFamily(manager, row.familyId, 'reuse_detected');
        await this.audit.record(manager, {
          action: 'auth.refresh_reuse_detected',
          entityType: 'user',
          entityId: row.userId,
          actorUserId: row.userId,
          organizationId: null,
          summary: `Refresh token reused; session chain ${row.familyId} revoked`,
        });
        return { ok: false, reused: true };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { ok: false, reused: false };
      const user = await manager.findOne(UserEntity, { where: { id: row.userId }, relations: { organization: true } });
      if (!user || user.status !== 'active' || !user.organization?.active) {
        await this.revokeFamily(manager, row.familyId, 'user_inactive');
        return { ok: false, reused: false };
      }
      await manager.update(RefreshTokenEntity, { id: row.id }, { usedAt: new Date() });
      const tokens = await this.issue(manager, user, row.familyId);
      await this.audit.record(manager, {
        action: 'auth.refresh',
        entityType: 'user',
        entityId: user.id,
        actorUserId: user.id,
        organizationId: user.organizationId,
        summary: 'Session renewed',
      });
      return { ok: true, tokens };
    });
    if (outcome.ok) return outcome.tokens;
    throw outcome.reused ? refreshReused() : refreshInvalid();
  }

  /** Ends the session chain the refresh token belongs to. Unknown tokens are ignored (logout is idempotent). */
  async logout(refreshToken: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const row = await manager.findOne(RefreshTokenEntity, { where: { tokenHash: sha256(refreshToken) } });
      if (!row) return;
      const revoked = await this.revokeFamily(manager, row.familyId, 'logout');
      if (revoked > 0) {
        await this.audit.record(manager, {
          action: 'auth.logout',
          entityType: 'user',
          entityId: row.userId,
          actorUserId: row.userId,
          organizationId: null,
          summary: 'Signed out',
        });
      }
    });
  }

  async me(current: AuthenticatedUser): Promise<MeDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: current.id }, relations: { organization: true } });
    if (!user || !user.organization) throw notFound();
    return {
      id: user.id,
      email: user.email,
      fullName: user.fullName,
      roles: user.roles,
      preferredLanguage: user.preferredLanguage,
      organization: { id: user.organization.id, name: user.organization.name },
    };
  }

  /** Revokes every refresh token of the user (disable, password reset). Access tokens die through session_version. */
  async revokeAllForUser(manager: EntityManager, userId: string, reason: string): Promise<void> {
    await manager.update(RefreshTokenEntity, { userId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }

  private async revokeFamily(manager: EntityManager, familyId: string, reason: string): Promise<number> {
    const result = await manager.update(
      RefreshTokenEntity,
      { familyId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  private async issue(manager: EntityManager, user: UserEntity, familyId: string): Promise<TokenPairDto> {
    const refreshToken = randomBytes(32).toString('base64url');
    await manager.insert(RefreshTokenEntity, {
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * 24 * 3600 * 1000),
    });
    return { accessToken: this.accessTokens.sign(user), refreshToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }
}
