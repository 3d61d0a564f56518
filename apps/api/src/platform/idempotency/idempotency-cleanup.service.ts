import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

/** Deletes keys past their retention. Idempotent, so several instances may run it at once. */
@Injectable()
export class IdempotencyCleanupService {
  private readonly logger = new Logger('IdempotencyCleanup');

  constructor(private readonly dataSource: DataSource) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'idempotency-cleanup' })
  async purgeExpired(): Promise<number> {
    try {
      const result = await this.dataSource.createQueryBuilder().delete().from(IdempotencyKeyEntity).where('expires_at < now()').execute();
      return result.affected ?? 0;
    } catch (error) {
      this.logger.warn({ err: error }, 'idempotency cleanup skipped');
      return 0;
    }
  }
}
