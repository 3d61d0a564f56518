import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { CommunitiesModule } from './communities/communities.module';
import { ConfigModule } from './config/config.module';
import type { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { DonationsModule } from './donations/donations.module';
import { ExchangeModule } from './exchange/exchange.module';
import { GeographyModule } from './geography/geography.module';
import { InventoryModule } from './inventory/inventory.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { AuthGuard } from './platform/auth/auth.guard';
import { ProblemFilter } from './platform/errors/problem.filter';
import { HealthModule } from './platform/health/health.module';
import { loggerOptions } from './platform/http/logging';
import { PlatformModule } from './platform/platform.module';
import { ReportsModule } from './reports/reports.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            url: config.databaseUrl,
            poolSize: config.databasePoolSize,
            statementTimeoutMs: config.statementTimeoutMs,
          }),
          // Keep trying in the background when PostgreSQL is not up yet instead of failing the boot at once.
          retryAttempts: 10,
          retryDelay: 1000,
        }),
        ScheduleModule.forRoot(),
        ...(config.dashboardDir
          ? [
              ServeStaticModule.forRoot({
                rootPath: config.dashboardDir,
                exclude: ['/api/{*path}', '/health/{*path}'],
                serveStaticOptions: { index: 'index.html', maxAge: '1h', setHeaders: cacheHeaders },
              }),
            ]
          : []),
        PlatformModule,
        HealthModule,
        AuthModule,
        OrganizationsModule,
        UsersModule,
        GeographyModule,
        CommunitiesModule,
        InventoryModule,
        DonationsModule,
        DeliveriesModule,
        ReportsModule,
        ExchangeModule,
      ],
      providers: [
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}

/**
 * Hashed build assets are immutable; index.html must always be revalidated so new releases load, and
 * so must both service workers (sw.js of the dashboard, confirmar/sw.js: a stale one would keep an old
 * shell) and the web app manifest.
 */
function cacheHeaders(res: { setHeader(name: string, value: string): void }, filePath: string): void {
  if (/[\\/]assets[\\/]/.test(filePath)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  else if (filePath.endsWith('.html') || filePath.endsWith('.webmanifest') || /[\\/]sw\.js$/.test(filePath)) res.setHeader('Cache-Control', 'no-cache');
}
