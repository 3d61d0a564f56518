import { HttpStatus, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DataSource, type EntityManager } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { ARGON2_OPTIONS, checkPassword } from '../auth/password-policy';
import { OrganizationEntity } from '../organizations/organization.entity';
import { AuditService } from '../platform/audit/audit.service';
import type { AuthenticatedUser } from '../platform/auth/authenticated-user';
import { DomainError, notFound } from '../platform/errors/domain-error';
import { pageWindow } from '../platform/paging/page-query.dto';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import { UserDto, type CreateUserDto, type UpdateUserDto, type UserPageDto, type UserQueryDto } from './dto/user.dto';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  async list(query: UserQueryDto): Promise<UserPageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u');
    if (query.organizationId) qb.andWhere('u.organization_id = :org', { org: query.organizationId });
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.status) qb.andWhere('u.status = :status', { status: query.status });
    if (query.q) {
      const q = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
      qb.andWhere('(u.full_name ILIKE :q OR u.email ILIKE :q)', { q });
    }
    const [rows, total] = await qb.orderBy('u.full_name', 'ASC').skip(skip).take(pageSize).getManyAndCount();
    return { items: rows.map((u) => UserDto.from(u)), total, page, pageSize };
  }

  async get(id: string): Promise<UserDto> {
    const row = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!row) throw notFound();
    return UserDto.from(row);
  }

  create(input: CreateUserDto): Promise<UserDto> {
    assertPassword(input.password, input.email);
    return this.transactions.run(async (manager) => {
      await this.assertOrganization(manager, input.organizationId);
      if (
        await manager.getRepository(UserEntity).createQueryBuilder('u').where('lower(u.email) = :email', { email: input.email }).getExists()
      ) {
        throw emailTaken(input.email);
      }
      const passwordHash = await argon2.hash(input.password, ARGON2_OPTIONS);
      const row = await manager.save(
        manager.create(UserEntity, {
          organizationId: input.organizationId,
          email: input.email,
          fullName: input.fullName.trim(),
          passwordHash,
          roles: input.roles,
          preferredLanguage: input.preferredLanguage ?? 'es',
        }),
      );
      await this.audit.record(manager, {
        action: 'user.created',
        entityType: 'user',
        entityId: row.id,
        summary: `User created with roles ${input.roles.join(', ')}`,
      });
      return UserDto.from(row);
    });
  }

  update(id: string, input: UpdateUserDto): Promise<UserDto> {
    return this.transactions.run(async (manager) => {
      const row = await this.lockUser(manager, id);
      if (input.organizationId) await this.assertOrganization(manager, input.organizationId);
      const changed = Object.entries(input).filter(([, v]) => v !== undefined);
      Object.assign(row, Object.fromEntries(changed));
      if (input.roles || input.organizationId) row.sessionVersion += 1; // new rights need a new session
      const saved = await manager.save(row);
      if (input.roles || input.organizationId) await this.auth.revokeAllForUser(manager, id, 'rights_changed');
      await this.audit.record(manager, {
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        summary: `User updated (${changed.map(([k]) => k).join(', ') || 'no fields'})`,
      });
      return UserDto.from(saved);
    });
  }

  /** Disabling ends every session of the user at once: refresh tokens revoked, access tokens refused by session version. */
  setStatus(actor: AuthenticatedUser, id: string, status: 'active' | 'disabled'): Promise<UserDto> {
    if (status === 'disabled' && actor.id === id) throw new DomainError('CANNOT_DISABLE_SELF', HttpStatus.CONFLICT);
    return this.transactions.run(async (manager) => {
      const row = await this.lockUser(manager, id);
      if (row.status === status) return UserDto.from(row);
      row.status = status;
      if (status === 'disabled') row.sessionVersion += 1;
      const saved = await manager.save(row);
      if (status === 'disabled') await this.auth.revokeAllForUser(manager, id, 'user_disabled');
      await this.audit.record(manager, {
        action: status === 'disabled' ? 'user.disabled' : 'user.enabled',
        entityType: 'user',
        entityId: id,
        summary: status === 'disabled' ? 'User disabled; sessions ended' : 'User enabled',
      });
      return UserDto.from(saved);
    });
  }

  setPassword(id: string, password: string): Promise<void> {
    return this.transactions.run(async (manager) => {
      const row = await this.lockUser(manager, id);
      assertPassword(password, row.email);
      const passwordHash = await argon2.hash(password, ARGON2_OPTIONS);
      await manager.update(UserEntity, { id }, { passwordHash, sessionVersion: row.sessionVersion + 1 });
      await this.auth.revokeAllForUser(manager, id, 'password_changed');
      await this.audit.record(manager, {
        action: 'user.password_set',
        entityType: 'user',
        entityId: id,
        summary: 'Password set by an administrator; sessions ended',
      });
    });
  }

  private async lockUser(manager: EntityManager, id: string): Promise<UserEntity> {
    const row = await manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw notFound();
    return row;
  }

  private async assertOrganization(manager: EntityManager, organizationId: string): Promise<void> {
    const org = await manager.findOneBy(OrganizationEntity, { id: organizationId });
    if (!org) {
      throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
        { field: 'organizationId', code: 'exists', message: 'organizationId does not exist' },
      ]);
    }
    if (!org.active) throw new DomainError('ORGANIZATION_INACTIVE', HttpStatus.CONFLICT);
  }
}

function emailTaken(email: string): DomainError {
  return new DomainError('EMAIL_TAKEN', HttpStatus.CONFLICT, { email }, [{ field: 'email', code: 'unique', message: 'email' }]);
}

export function assertPassword(password: string, email?: string): void {
  const problem = checkPassword(password, email);
  if (problem === null) return;
  if (problem === 'common') {
    throw new DomainError('PASSWORD_TOO_WEAK', HttpStatus.BAD_REQUEST, {}, [
      { field: 'password', code: 'common', message: 'password is too common' },
    ]);
  }
  throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, {}, [
    { field: 'password', code: problem === 'too_short' ? 'minLength' : 'maxLength', message: `password must be 8 to 128 characters` },
  ]);
}
