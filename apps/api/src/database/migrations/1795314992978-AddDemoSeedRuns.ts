import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddDemoSeedRuns1795314992978 implements MigrationInterface {
  name = 'AddDemoSeedRuns1795314992978';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"demo_seed_runs\" (\"name\" character varying(80) NOT NULL, \"ran_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_7a32bda2558703761826d9f2d07\" PRIMARY KEY (\"name\"))");
    // Databases seeded before this table existed already hold the demo organisations and users.
    await queryRunner.query(
      `INSERT INTO "demo_seed_runs" ("name") SELECT 'platform.organizations_users' WHERE EXISTS (SELECT 1 FROM "organizations" WHERE "slug" = 'red-minka')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"demo_seed_runs\"");
  }
}
