import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SimplifyIdempotencyKeys1795315776168 implements MigrationInterface {
  name = 'SimplifyIdempotencyKeys1795315776168';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Requests in flight now hold an advisory lock instead of a claim row; unfinished claims are meaningless.
    await queryRunner.query(`DELETE FROM "idempotency_keys" WHERE "state" <> 'completed' OR "response_status" IS NULL`);
    await queryRunner.query("ALTER TABLE \"idempotency_keys\" DROP COLUMN \"state\"");
    await queryRunner.query("ALTER TABLE \"idempotency_keys\" DROP COLUMN \"locked_until\"");
    await queryRunner.query("ALTER TABLE \"idempotency_keys\" ALTER COLUMN \"response_status\" SET NOT NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"idempotency_keys\" ALTER COLUMN \"response_status\" DROP NOT NULL");
    await queryRunner.query("ALTER TABLE \"idempotency_keys\" ADD \"locked_until\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()");
    await queryRunner.query("ALTER TABLE \"idempotency_keys\" ADD \"state\" character varying(12) NOT NULL DEFAULT 'completed'");
  }
}
