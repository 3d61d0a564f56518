import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The personal-data access log also records reads of donors' data (donation exports), not only leaders'. */
export class LogDonorDataAccess1795400000000 implements MigrationInterface {
  name = 'LogDonorDataAccess1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "personal_data_access_log" ALTER COLUMN "leader_id" DROP NOT NULL');
    await queryRunner.query('ALTER TABLE "personal_data_access_log" ALTER COLUMN "community_id" DROP NOT NULL');
    await queryRunner.query('ALTER TABLE "personal_data_access_log" ADD "donor_id" uuid');
    await queryRunner.query('CREATE INDEX "ix_personal_data_access_log_donor" ON "personal_data_access_log" ("donor_id") ');
    await queryRunner.query(
      'ALTER TABLE "personal_data_access_log" ADD CONSTRAINT "ck_personal_data_access_log_subject" CHECK ((leader_id IS NOT NULL AND community_id IS NOT NULL) <> (donor_id IS NOT NULL))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "personal_data_access_log" DROP CONSTRAINT "ck_personal_data_access_log_subject"');
    await queryRunner.query('DROP INDEX "public"."ix_personal_data_access_log_donor"');
    await queryRunner.query('DELETE FROM "personal_data_access_log" WHERE "donor_id" IS NOT NULL');
    await queryRunner.query('ALTER TABLE "personal_data_access_log" DROP COLUMN "donor_id"');
    await queryRunner.query('ALTER TABLE "personal_data_access_log" ALTER COLUMN "community_id" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "personal_data_access_log" ALTER COLUMN "leader_id" SET NOT NULL');
  }
}
