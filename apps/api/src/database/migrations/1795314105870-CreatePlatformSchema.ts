import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePlatformSchema1795314105870 implements MigrationInterface {
  name = 'CreatePlatformSchema1795314105870';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(80) NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(20) NOT NULL DEFAULT \'ngo\', "tax_id" character varying(11), "description" text, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_organizations_slug" ON "organizations"  ("slug") ');
    await queryRunner.query(
      'CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "full_name" character varying(200) NOT NULL, "password_hash" text NOT NULL, "roles" character varying(20) array NOT NULL, "status" character varying(10) NOT NULL DEFAULT \'active\', "preferred_language" character varying(5) NOT NULL DEFAULT \'es\', "session_version" integer NOT NULL DEFAULT \'0\', "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_users_status" CHECK (status IN (\'active\',\'disabled\')), CONSTRAINT "ck_users_roles" CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[\'admin\',\'coordinator\',\'storekeeper\',\'fundraiser\',\'leader\',\'donor\']::varchar[]), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(40), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens"  ("user_id") ');
    await queryRunner.query('CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens"  ("family_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_refresh_tokens_hash" ON "refresh_tokens"  ("token_hash") ');
    await queryRunner.query(
      'CREATE TABLE "departments" ("ubigeo" character varying(6) NOT NULL, "pcode" character varying(8) NOT NULL, "name" character varying(120) NOT NULL, "capital" character varying(120), "lat" double precision, "lon" double precision, "altitude_m" real, "population_2025" integer, "area_km2" real, "idh_2019" real, "poverty_total_pct" real, "poverty_extreme_pct" real, "food_vulnerability_index" real, CONSTRAINT "PK_d6d5f407f50f37fc27241469935" PRIMARY KEY ("ubigeo"))',
    );
    await queryRunner.query(
      'CREATE TABLE "provinces" ("ubigeo" character varying(6) NOT NULL, "pcode" character varying(8) NOT NULL, "name" character varying(120) NOT NULL, "capital" character varying(120), "lat" double precision, "lon" double precision, "altitude_m" real, "population_2025" integer, "area_km2" real, "idh_2019" real, "poverty_total_pct" real, "poverty_extreme_pct" real, "food_vulnerability_index" real, "department_ubigeo" character varying(2) NOT NULL, CONSTRAINT "PK_af8917a7ab2af7ffa7fb40e2e30" PRIMARY KEY ("ubigeo"))',
    );
    await queryRunner.query('CREATE INDEX "ix_provinces_department" ON "provinces"  ("department_ubigeo") ');
    await queryRunner.query(
      'CREATE TABLE "districts" ("ubigeo" character varying(6) NOT NULL, "pcode" character varying(8) NOT NULL, "name" character varying(120) NOT NULL, "capital" character varying(120), "lat" double precision, "lon" double precision, "altitude_m" real, "population_2025" integer, "area_km2" real, "idh_2019" real, "poverty_total_pct" real, "poverty_extreme_pct" real, "food_vulnerability_index" real, "department_ubigeo" character varying(2) NOT NULL, "province_ubigeo" character varying(4) NOT NULL, CONSTRAINT "PK_485698a283b86a45c0c8ebc37a4" PRIMARY KEY ("ubigeo"))',
    );
    await queryRunner.query('CREATE INDEX "ix_districts_department" ON "districts"  ("department_ubigeo") ');
    await queryRunner.query('CREATE INDEX "ix_districts_province" ON "districts"  ("province_ubigeo") ');
    await queryRunner.query(
      'CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_user_id" uuid, "organization_id" uuid, "action" character varying(80) NOT NULL, "entity_type" character varying(60) NOT NULL, "entity_id" character varying(64), "summary" character varying(500) NOT NULL, "correlation_id" character varying(64), "ip" character varying(64), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_audit_log_time" ON "audit_log"  ("occurred_at") ');
    await queryRunner.query('CREATE INDEX "ix_audit_log_action" ON "audit_log"  ("action") ');
    await queryRunner.query('CREATE INDEX "ix_audit_log_entity" ON "audit_log"  ("entity_type", "entity_id") ');
    await queryRunner.query('CREATE INDEX "ix_audit_log_org_time" ON "audit_log"  ("organization_id", "occurred_at") ');
    await queryRunner.query(
      'CREATE TABLE "idempotency_keys" ("scope" character varying(80) NOT NULL, "key" character varying(255) NOT NULL, "method" character varying(10) NOT NULL, "path" character varying(500) NOT NULL, "request_hash" character varying(64) NOT NULL, "state" character varying(12) NOT NULL, "response_status" integer, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "locked_until" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_15de2f76fa9f27ad8f330983607" PRIMARY KEY ("scope", "key"))',
    );
    await queryRunner.query('CREATE INDEX "ix_idempotency_keys_expires" ON "idempotency_keys"  ("expires_at") ');
    await queryRunner.query(
      'CREATE TABLE "rate_limit_buckets" ("key" character varying(300) NOT NULL, "hits" integer NOT NULL, "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9eb2f8a2ae370667b4ca83dd313" PRIMARY KEY ("key"))',
    );
    await queryRunner.query('CREATE INDEX "ix_rate_limit_buckets_expires" ON "rate_limit_buckets"  ("expires_at") ');
    // Hand-written: e-mail unique whatever its case; the audit log refuses every change after insert.
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" (lower("email"))`);
    await queryRunner.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
    );
    await queryRunner.query(
      'ALTER TABLE "users" ADD CONSTRAINT "fk_users_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "refresh_tokens" ADD CONSTRAINT "fk_refresh_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS audit_log_no_truncate ON "audit_log"`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS audit_log_no_update ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS audit_log_append_only()`);
    await queryRunner.query(`DROP INDEX IF EXISTS "uq_users_email"`);
    await queryRunner.query('ALTER TABLE "refresh_tokens" DROP CONSTRAINT "fk_refresh_tokens_user"');
    await queryRunner.query('ALTER TABLE "users" DROP CONSTRAINT "fk_users_organization"');
    await queryRunner.query('DROP INDEX "public"."ix_rate_limit_buckets_expires"');
    await queryRunner.query('DROP TABLE "rate_limit_buckets"');
    await queryRunner.query('DROP INDEX "public"."ix_idempotency_keys_expires"');
    await queryRunner.query('DROP TABLE "idempotency_keys"');
    await queryRunner.query('DROP INDEX "public"."ix_audit_log_org_time"');
    await queryRunner.query('DROP INDEX "public"."ix_audit_log_entity"');
    await queryRunner.query('DROP INDEX "public"."ix_audit_log_action"');
    await queryRunner.query('DROP INDEX "public"."ix_audit_log_time"');
    await queryRunner.query('DROP TABLE "audit_log"');
    await queryRunner.query('DROP INDEX "public"."ix_districts_province"');
    await queryRunner.query('DROP INDEX "public"."ix_districts_department"');
    await queryRunner.query('DROP TABLE "districts"');
    await queryRunner.query('DROP INDEX "public"."ix_provinces_department"');
    await queryRunner.query('DROP TABLE "provinces"');
    await queryRunner.query('DROP TABLE "departments"');
    await queryRunner.query('DROP INDEX "public"."uq_refresh_tokens_hash"');
    await queryRunner.query('DROP INDEX "public"."ix_refresh_tokens_family"');
    await queryRunner.query('DROP INDEX "public"."ix_refresh_tokens_user"');
    await queryRunner.query('DROP TABLE "refresh_tokens"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP INDEX "public"."uq_organizations_slug"');
    await queryRunner.query('DROP TABLE "organizations"');
  }
}
