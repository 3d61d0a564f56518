import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDonations1795315443334 implements MigrationInterface {
  name = 'CreateDonations1795315443334';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"donation_campaigns\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"slug\" character varying(80) NOT NULL, \"organization_id\" uuid NOT NULL, \"partner_organization_ids\" uuid array NOT NULL DEFAULT '{}', \"title_es\" character varying(200) NOT NULL, \"title_en\" character varying(200) NOT NULL, \"story_es\" text NOT NULL, \"story_en\" text NOT NULL, \"goal_minor\" bigint NOT NULL, \"currency\" character(3) NOT NULL DEFAULT 'PEN', \"in_kind_goals\" jsonb NOT NULL DEFAULT '[]', \"starts_on\" date NOT NULL, \"ends_on\" date, \"commission\" character varying(200) NOT NULL, \"status\" character varying(10) NOT NULL DEFAULT 'draft', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_donation_campaigns_dates\" CHECK (ends_on IS NULL OR ends_on >= starts_on), CONSTRAINT \"ck_donation_campaigns_goal\" CHECK (goal_minor > 0), CONSTRAINT \"ck_donation_campaigns_status\" CHECK (status IN ('draft','active','closed')), CONSTRAINT \"PK_d592dfa0964d30ef0095c66b45a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_donation_campaigns_slug\" ON \"donation_campaigns\"  (\"slug\") ");
    await queryRunner.query("CREATE INDEX \"ix_donation_campaigns_org\" ON \"donation_campaigns\"  (\"organization_id\") ");
    await queryRunner.query("CREATE TABLE \"donation_campaign_milestones\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"campaign_id\" uuid NOT NULL, \"amount_minor\" bigint NOT NULL, \"reached_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"ck_donation_campaign_milestones_amount\" CHECK (amount_minor > 0), CONSTRAINT \"PK_f173f1c7af0779b160cbbaca59a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_donation_campaign_milestones\" ON \"donation_campaign_milestones\"  (\"campaign_id\", \"amount_minor\") ");
    await queryRunner.query("CREATE TABLE \"donation_campaign_progress\" (\"campaign_id\" uuid NOT NULL, \"raised_minor\" bigint NOT NULL DEFAULT '0', \"pledged_outstanding_minor\" bigint NOT NULL DEFAULT '0', \"in_kind_value_minor\" bigint NOT NULL DEFAULT '0', \"donor_count\" integer NOT NULL DEFAULT '0', \"donation_count\" integer NOT NULL DEFAULT '0', \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_donation_campaign_progress_nonneg\" CHECK (pledged_outstanding_minor >= 0 AND donor_count >= 0), CONSTRAINT \"PK_6038586c32ea3e67d5cb370a357\" PRIMARY KEY (\"campaign_id\"))");
    await queryRunner.query("CREATE TABLE \"donation_campaign_donors\" (\"campaign_id\" uuid NOT NULL, \"donor_id\" uuid NOT NULL, \"donation_count\" integer NOT NULL DEFAULT '0', CONSTRAINT \"PK_79af95fa687b1f67ae3e1363575\" PRIMARY KEY (\"campaign_id\", \"donor_id\"))");
    await queryRunner.query("CREATE TABLE \"donation_campaign_in_kind\" (\"campaign_id\" uuid NOT NULL, \"category\" character varying(60) NOT NULL, \"quantity\" integer NOT NULL DEFAULT '0', \"value_minor\" bigint NOT NULL DEFAULT '0', CONSTRAINT \"PK_b4f902605b5070efbe8234b3fcd\" PRIMARY KEY (\"campaign_id\", \"category\"))");
    await queryRunner.query("CREATE TABLE \"donation_campaign_reach\" (\"campaign_id\" uuid NOT NULL, \"district_ubigeo\" character(6) NOT NULL, \"kits_dispatched\" numeric(14,4) NOT NULL DEFAULT '0', \"kits_confirmed\" numeric(14,4) NOT NULL DEFAULT '0', \"households_reached\" integer NOT NULL DEFAULT '0', CONSTRAINT \"PK_3117f9c68b0b5f80c64b10c6b49\" PRIMARY KEY (\"campaign_id\", \"district_ubigeo\"))");
    await queryRunner.query("CREATE TABLE \"donors\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"organization_id\" uuid NOT NULL, \"kind\" character varying(12) NOT NULL, \"name\" character varying(200) NOT NULL, \"email\" character varying(254), \"phone\" character varying(30), \"tax_id_type\" character varying(10), \"tax_id\" character varying(20), \"anonymous\" boolean NOT NULL DEFAULT false, \"consent_to_be_public\" boolean NOT NULL DEFAULT false, \"user_id\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_donors_kind\" CHECK (kind IN ('individual','company')), CONSTRAINT \"PK_7fafae759bcc8cc1dfa09c3fbcf\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_donors_org\" ON \"donors\"  (\"organization_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_donors_user\" ON \"donors\"  (\"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_donors_org_tax_id\" ON \"donors\"  (\"organization_id\", \"tax_id_type\", \"tax_id\") WHERE tax_id IS NOT NULL");
    await queryRunner.query("CREATE TABLE \"donations\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"organization_id\" uuid NOT NULL, \"campaign_id\" uuid NOT NULL, \"donor_id\" uuid NOT NULL, \"kind\" character varying(8) NOT NULL, \"entry_type\" character varying(10) NOT NULL DEFAULT 'donation', \"reverses_id\" uuid, \"amount_minor\" bigint NOT NULL, \"currency\" character(3) NOT NULL, \"exchange_rate\" numeric(12,6), \"amount_pen_minor\" bigint NOT NULL, \"method\" character varying(16), \"bank_reference\" character varying(80), \"received_on\" date NOT NULL, \"receipt_year\" integer, \"receipt_seq\" integer, \"pledge_id\" uuid, \"received_into_stock\" boolean NOT NULL DEFAULT false, \"warehouse_id\" uuid, \"note\" character varying(500), \"recorded_by_user_id\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_donations_rate\" CHECK (currency = 'PEN' OR kind = 'in_kind' OR exchange_rate IS NOT NULL), CONSTRAINT \"ck_donations_sign\" CHECK ((entry_type = 'donation' AND amount_minor >= 0 AND amount_pen_minor >= 0) OR (entry_type = 'reversal' AND amount_minor <= 0 AND amount_pen_minor <= 0)), CONSTRAINT \"ck_donations_reversal_link\" CHECK ((entry_type = 'reversal') = (reverses_id IS NOT NULL)), CONSTRAINT \"ck_donations_entry\" CHECK (entry_type IN ('donation','reversal')), CONSTRAINT \"ck_donations_kind\" CHECK (kind IN ('money','in_kind')), CONSTRAINT \"PK_c01355d6f6f50fc6d1b4a946abf\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_donations_donor\" ON \"donations\"  (\"donor_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_donations_in_stock\" ON \"donations\"  (\"campaign_id\") WHERE received_into_stock");
    await queryRunner.query("CREATE INDEX \"ix_donations_campaign\" ON \"donations\"  (\"campaign_id\", \"created_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_donations_bank_reference\" ON \"donations\"  (\"organization_id\", \"bank_reference\") WHERE bank_reference IS NOT NULL AND entry_type = 'donation'");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_donations_receipt\" ON \"donations\"  (\"organization_id\", \"receipt_year\", \"receipt_seq\") WHERE receipt_seq IS NOT NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_donations_reverses\" ON \"donations\"  (\"reverses_id\") WHERE reverses_id IS NOT NULL");
    await queryRunner.query("CREATE TABLE \"donation_lines\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"donation_id\" uuid NOT NULL, \"description\" character varying(200) NOT NULL, \"category\" character varying(60) NOT NULL, \"quantity\" integer NOT NULL, \"unit_value_minor\" bigint NOT NULL, \"item_id\" uuid, \"kit_type_id\" uuid, CONSTRAINT \"ck_donation_lines_qty\" CHECK (quantity > 0 AND unit_value_minor >= 0), CONSTRAINT \"PK_1cb37d9cf7a3e40dbb5a2c7dfd7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_donation_lines_donation\" ON \"donation_lines\"  (\"donation_id\") ");
    await queryRunner.query("CREATE TABLE \"donation_pledges\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"organization_id\" uuid NOT NULL, \"campaign_id\" uuid NOT NULL, \"donor_id\" uuid NOT NULL, \"amount_minor\" bigint NOT NULL, \"fulfilled_minor\" bigint NOT NULL DEFAULT '0', \"due_on\" date NOT NULL, \"status\" character varying(20) NOT NULL DEFAULT 'open', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_donation_pledges_amounts\" CHECK (amount_minor > 0 AND fulfilled_minor >= 0), CONSTRAINT \"ck_donation_pledges_status\" CHECK (status IN ('open','partially_fulfilled','fulfilled','cancelled')), CONSTRAINT \"PK_5385a3ca4857f4a545c6b7f512e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_donation_pledges_campaign\" ON \"donation_pledges\"  (\"campaign_id\") ");
    await queryRunner.query("CREATE TABLE \"donation_receipt_counters\" (\"organization_id\" uuid NOT NULL, \"year\" integer NOT NULL, \"last_seq\" integer NOT NULL DEFAULT '0', CONSTRAINT \"PK_f24006ffcff99602aaf314c6604\" PRIMARY KEY (\"organization_id\", \"year\"))");
    // The donation ledger is append-only: corrections and refunds are reversing entries.
    await queryRunner.query(`CREATE FUNCTION donations_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'donations is append-only (% refused); record a reversal instead', TG_OP USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER donations_no_update BEFORE UPDATE OR DELETE ON "donations" FOR EACH ROW EXECUTE FUNCTION donations_append_only()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS donations_no_update ON "donations"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS donations_append_only()`);
    await queryRunner.query("DROP TABLE \"donation_receipt_counters\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_donation_pledges_campaign\"");
    await queryRunner.query("DROP TABLE \"donation_pledges\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_donation_lines_donation\"");
    await queryRunner.query("DROP TABLE \"donation_lines\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_donations_reverses\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_donations_receipt\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_donations_bank_reference\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_donations_campaign\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_donations_in_stock\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_donations_donor\"");
    await queryRunner.query("DROP TABLE \"donations\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_donors_org_tax_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_donors_user\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_donors_org\"");
    await queryRunner.query("DROP TABLE \"donors\"");
    await queryRunner.query("DROP TABLE \"donation_campaign_reach\"");
    await queryRunner.query("DROP TABLE \"donation_campaign_in_kind\"");
    await queryRunner.query("DROP TABLE \"donation_campaign_donors\"");
    await queryRunner.query("DROP TABLE \"donation_campaign_progress\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_donation_campaign_milestones\"");
    await queryRunner.query("DROP TABLE \"donation_campaign_milestones\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_donation_campaigns_org\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_donation_campaigns_slug\"");
    await queryRunner.query("DROP TABLE \"donation_campaigns\"");
  }
}
