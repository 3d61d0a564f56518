import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import { PlatformModule } from '../platform/platform.module';
import { PostgresThrottlerStorage } from '../platform/throttle/postgres-throttler.storage';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

/** Sign-in attempts: per client address, and per account whatever the address (slow credential stuffing). */
export const LOGIN_LIMITS = {
  perIp: { limit: 20, ttl: 60_000, blockDuration: 60_000 },
  perAccount: { limit: 10, ttl: 15 * 60_000, blockDuration: 15 * 60_000 },
};

@Module({
  imports: [
    PlatformModule,
    ThrottlerModule.forRootAsync({
      imports: [PlatformModule],
      inject: [PostgresThrottlerStorage],
      useFactory: (storage: PostgresThrottlerStorage) => ({
        storage,
        throttlers: [
          {
            name: 'login-ip',
            ...LOGIN_LIMITS.perIp,
            getTracker: (req: Record<string, unknown>) => `ip:${String((req as unknown as Request).ip)}`,
          },
          {
            name: 'login-account',
            ...LOGIN_LIMITS.perAccount,
            getTracker: (req: Record<string, unknown>) => {
              const body = (req as unknown as Request).body as { email?: unknown } | undefined;
              return typeof body?.email === 'string'
                ? `account:${body.email.trim().toLowerCase()}`
                : `ip:${String((req as unknown as Request).ip)}`;
            },
          },
        ],
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService],
  exports: [AuthService],
})
export class AuthModule {}
