import { Module } from '@nestjs/common';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AccessTokenService } from './auth/access-token.service';
import { AuthGuard } from './auth/auth.guard';
import { ClientConfigController } from './client-config/client-config.controller';
import { IdempotencyCleanupService } from './idempotency/idempotency-cleanup.service';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { PostgresThrottlerStorage } from './throttle/postgres-throttler.storage';
import { TransactionRunner } from './transaction/transaction-runner';

/** Cross-cutting mechanisms only: auth guard, audit, idempotency, throttling storage, transactions. */
@Module({
  controllers: [AuditController, ClientConfigController],
  providers: [
    TransactionRunner,
    AuditService,
    AccessTokenService,
    AuthGuard,
    IdempotencyInterceptor,
    IdempotencyCleanupService,
    PostgresThrottlerStorage,
  ],
  exports: [TransactionRunner, AuditService, AccessTokenService, AuthGuard, IdempotencyInterceptor, PostgresThrottlerStorage],
})
export class PlatformModule {}
