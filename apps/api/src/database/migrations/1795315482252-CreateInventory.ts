import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInventory1795315482252 implements MigrationInterface {
  name = 'CreateInventory1795315482252';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "inventory_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sku" character varying(40) NOT NULL, "name_es" character varying(200) NOT NULL, "name_en" character varying(200) NOT NULL, "category" character varying(20) NOT NULL, "unit" character varying(10) NOT NULL, "pack_size" integer, "unit_weight_kg" numeric(10,3) NOT NULL, "unit_volume_l" numeric(10,3) NOT NULL, "perishable" boolean NOT NULL DEFAULT false, "storage" character varying(10) NOT NULL DEFAULT \'ambient\', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_inventory_items_measures" CHECK (unit_weight_kg >= 0 AND unit_volume_l >= 0), CONSTRAINT "ck_inventory_items_storage" CHECK (storage IN (\'ambient\',\'cool\',\'cold\')), CONSTRAINT "ck_inventory_items_pack" CHECK ((unit = \'pack\') = (pack_size IS NOT NULL) AND (pack_size IS NULL OR pack_size > 1)), CONSTRAINT "ck_inventory_items_unit" CHECK (unit IN (\'unit\',\'kg\',\'l\',\'pack\')), CONSTRAINT "ck_inventory_items_category" CHECK (category IN (\'hygiene\',\'food\',\'medical\',\'water_sanitation\',\'shelter\',\'other\')), CONSTRAINT "PK_cf2f451407242e132547ac19169" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_inventory_items_sku" ON "inventory_items"  ("sku") ');
    await queryRunner.query(
      'CREATE TABLE "kit_types" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(40) NOT NULL, "version" integer NOT NULL, "is_current" boolean NOT NULL DEFAULT true, "name_es" character varying(200) NOT NULL, "name_en" character varying(200) NOT NULL, "category" character varying(20) NOT NULL, "households_served" integer NOT NULL, "days_covered" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_kit_types_numbers" CHECK (version >= 1 AND households_served >= 1 AND days_covered >= 0), CONSTRAINT "ck_kit_types_category" CHECK (category IN (\'hygiene\',\'food\',\'medical\',\'water_sanitation\',\'shelter\',\'other\')), CONSTRAINT "PK_ba980e4ecabb099a21fb32d0f88" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_kit_types_current" ON "kit_types"  ("code") WHERE is_current');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_kit_types_code_version" ON "kit_types"  ("code", "version") ');
    await queryRunner.query(
      'CREATE TABLE "kit_components" ("kit_type_id" uuid NOT NULL, "item_id" uuid NOT NULL, "quantity" integer NOT NULL, CONSTRAINT "ck_kit_components_quantity" CHECK (quantity > 0), CONSTRAINT "PK_7e2733d03770040c2c2d4ddbd02" PRIMARY KEY ("kit_type_id", "item_id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_kit_components_item" ON "kit_components"  ("item_id") ');
    await queryRunner.query(
      'CREATE TABLE "warehouses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "latitude" double precision NOT NULL, "longitude" double precision NOT NULL, "district_ubigeo" character varying(6) NOT NULL, "capacity_m3" numeric(10,2) NOT NULL, "responsible_user_ids" uuid array NOT NULL DEFAULT \'{}\', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_warehouses_ubigeo" CHECK (district_ubigeo ~ \'^[0-9]{6}$\'), CONSTRAINT "ck_warehouses_capacity" CHECK (capacity_m3 > 0), CONSTRAINT "ck_warehouses_coordinates" CHECK (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180), CONSTRAINT "PK_56ae21ee2432b2270b48867e4be" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_warehouses_org_name" ON "warehouses"  ("organization_id", "name") ');
    await queryRunner.query(
      'CREATE TABLE "stock_lots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "warehouse_id" uuid NOT NULL, "item_id" uuid, "kit_type_id" uuid, "lot_code" character varying(60) NOT NULL DEFAULT \'\', "expiry_date" date, "funding_source_type" character varying(20), "funding_source_id" uuid, "on_hand" integer NOT NULL DEFAULT \'0\', "reserved" integer NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_stock_lots_funding" CHECK (funding_source_type IS NULL OR funding_source_type IN (\'donation\',\'campaign\')), CONSTRAINT "ck_stock_lots_available" CHECK (reserved >= 0 AND on_hand - reserved >= 0), CONSTRAINT "ck_stock_lots_on_hand" CHECK (on_hand >= 0), CONSTRAINT "ck_stock_lots_subject" CHECK ((item_id IS NULL) <> (kit_type_id IS NULL)), CONSTRAINT "PK_578c4d59145e7d590780f29347b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_stock_lots_warehouse_kit" ON "stock_lots"  ("warehouse_id", "kit_type_id") ');
    await queryRunner.query('CREATE INDEX "ix_stock_lots_warehouse_item" ON "stock_lots"  ("warehouse_id", "item_id") ');
    await queryRunner.query(
      'CREATE TABLE "stock_movements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "operation_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "warehouse_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "item_id" uuid, "kit_type_id" uuid, "on_hand_delta" integer NOT NULL, "reserved_delta" integer NOT NULL, "reason_code" character varying(20), "reference_type" character varying(30), "reference_id" uuid, "note" character varying(500), "actor_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_stock_movements_nonzero" CHECK (on_hand_delta <> 0 OR reserved_delta <> 0), CONSTRAINT "ck_stock_movements_reason" CHECK ((kind = \'adjustment\') = (reason_code IS NOT NULL) AND (reason_code IS NULL OR reason_code IN (\'damaged\',\'expired\',\'lost\',\'theft\',\'count_correction\',\'found\'))), CONSTRAINT "ck_stock_movements_kind" CHECK (kind IN (\'receipt\',\'transfer_out\',\'transfer_in\',\'assembly_consume\',\'assembly_produce\',\'disassembly_consume\',\'disassembly_produce\',\'reservation\',\'release\',\'dispatch\',\'return\',\'adjustment\')), CONSTRAINT "PK_57a26b190618550d8e65fb860e7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_stock_movements_reference" ON "stock_movements"  ("reference_type", "reference_id") ');
    await queryRunner.query('CREATE INDEX "ix_stock_movements_operation" ON "stock_movements"  ("operation_id") ');
    await queryRunner.query(
      'CREATE INDEX "ix_stock_movements_card" ON "stock_movements"  ("warehouse_id", "item_id", "kit_type_id", "seq") ',
    );
    await queryRunner.query('CREATE INDEX "ix_stock_movements_lot_seq" ON "stock_movements"  ("lot_id", "seq") ');
    await queryRunner.query(
      'CREATE TABLE "stock_reservations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "warehouse_id" uuid NOT NULL, "item_id" uuid, "kit_type_id" uuid, "quantity" integer NOT NULL, "allocations" jsonb NOT NULL, "status" character varying(12) NOT NULL DEFAULT \'active\', "reference_type" character varying(30), "reference_id" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_stock_reservations_quantity" CHECK (quantity > 0), CONSTRAINT "ck_stock_reservations_status" CHECK (status IN (\'active\',\'released\',\'dispatched\')), CONSTRAINT "PK_46ec0f5605d70f64654ad4e7bd9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_stock_reservations_reference" ON "stock_reservations"  ("reference_type", "reference_id") ');
    await queryRunner.query(
      'CREATE TABLE "stock_transfers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "from_warehouse_id" uuid NOT NULL, "to_warehouse_id" uuid NOT NULL, "status" character varying(12) NOT NULL DEFAULT \'in_transit\', "lines" jsonb NOT NULL, "note" character varying(500), "created_by" uuid, "shipped_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "received_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_stock_transfers_distinct" CHECK (from_warehouse_id <> to_warehouse_id), CONSTRAINT "ck_stock_transfers_status" CHECK (status IN (\'in_transit\',\'received\')), CONSTRAINT "PK_ef738a3a4a578c7f1802c1bb50a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "stock_reorder_levels" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "warehouse_id" uuid NOT NULL, "item_id" uuid, "kit_type_id" uuid, "level" integer NOT NULL, CONSTRAINT "ck_stock_reorder_levels_level" CHECK (level >= 0), CONSTRAINT "ck_stock_reorder_levels_subject" CHECK ((item_id IS NULL) <> (kit_type_id IS NULL)), CONSTRAINT "PK_d28d9105730f7769584abb862c5" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "stock_count_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "warehouse_id" uuid NOT NULL, "status" character varying(8) NOT NULL DEFAULT \'open\', "opened_by" uuid, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_stock_count_sessions_status" CHECK (status IN (\'open\',\'closed\')), CONSTRAINT "PK_9e25833ed69bec2e9b7a093cc68" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "stock_count_lines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "expected" integer NOT NULL, "counted" integer, "adjusted" integer NOT NULL DEFAULT \'0\', CONSTRAINT "ck_stock_count_lines_quantities" CHECK (expected >= 0 AND (counted IS NULL OR counted >= 0)), CONSTRAINT "PK_526b5df4e6f4fa1d2408d7de772" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_stock_count_lines_lot" ON "stock_count_lines"  ("session_id", "lot_id") ');
    await queryRunner.query(
      'CREATE TABLE "stock_alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(20) NOT NULL, "subject_key" character varying(120) NOT NULL, "warehouse_id" uuid NOT NULL, "item_id" uuid, "kit_type_id" uuid, "lot_id" uuid, "quantity" integer NOT NULL, "threshold" integer, "expiry_date" date, "run_id" uuid NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_stock_alerts_kind" CHECK (kind IN (\'below_reorder\',\'expiring_30\',\'expiring_60\',\'expiring_90\',\'expired_available\')), CONSTRAINT "PK_3c3bb550b3bf192460bffe3a55b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_stock_alerts_warehouse" ON "stock_alerts"  ("warehouse_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_stock_alerts_open" ON "stock_alerts"  ("kind", "subject_key") WHERE resolved_at IS NULL',
    );
    await queryRunner.query(
      'CREATE TABLE "inventory_job_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "job" character varying(40) NOT NULL, "tick" character varying(60) NOT NULL, "instance" character varying(80), "alerts_raised" integer NOT NULL DEFAULT \'0\', "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_12a744ea0ce9f8fd0baa2650516" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_inventory_job_runs_tick" ON "inventory_job_runs"  ("job", "tick") ');
    await queryRunner.query(
      'ALTER TABLE "kit_components" ADD CONSTRAINT "fk_kit_components_kit_type" FOREIGN KEY ("kit_type_id") REFERENCES "kit_types"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "kit_components" ADD CONSTRAINT "fk_kit_components_item" FOREIGN KEY ("item_id") REFERENCES "inventory_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "warehouses" ADD CONSTRAINT "fk_warehouses_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stock_lots" ADD CONSTRAINT "fk_stock_lots_warehouse" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stock_lots" ADD CONSTRAINT "fk_stock_lots_item" FOREIGN KEY ("item_id") REFERENCES "inventory_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stock_lots" ADD CONSTRAINT "fk_stock_lots_kit_type" FOREIGN KEY ("kit_type_id") REFERENCES "kit_types"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stock_movements" ADD CONSTRAINT "fk_stock_movements_lot" FOREIGN KEY ("lot_id") REFERENCES "stock_lots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stock_reorder_levels" ADD CONSTRAINT "fk_stock_reorder_levels_warehouse" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stock_count_sessions" ADD CONSTRAINT "fk_stock_count_sessions_warehouse" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "stock_count_lines" ADD CONSTRAINT "fk_stock_count_lines_session" FOREIGN KEY ("session_id") REFERENCES "stock_count_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // Hand-written: what TypeORM cannot express.
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_stock_lots_key" ON "stock_lots" ("warehouse_id", COALESCE("item_id", "kit_type_id"), "lot_code")',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_stock_reorder_levels_key" ON "stock_reorder_levels" ("warehouse_id", COALESCE("item_id", "kit_type_id"))',
    );
    // The ledger is append-only: corrections are new movements, never edits.
    await queryRunner.query(`CREATE FUNCTION stock_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'stock_movements is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER trg_stock_movements_no_truncate BEFORE TRUNCATE ON "stock_movements" FOR EACH STATEMENT EXECUTE FUNCTION stock_movements_append_only()',
    );
    await queryRunner.query(
      'CREATE TRIGGER trg_stock_movements_append_only BEFORE UPDATE OR DELETE ON "stock_movements" FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only()',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER trg_stock_movements_no_truncate ON "stock_movements"');
    await queryRunner.query('DROP TRIGGER trg_stock_movements_append_only ON "stock_movements"');
    await queryRunner.query('DROP FUNCTION stock_movements_append_only()');
    await queryRunner.query('DROP INDEX "public"."uq_stock_reorder_levels_key"');
    await queryRunner.query('DROP INDEX "public"."uq_stock_lots_key"');
    await queryRunner.query('ALTER TABLE "stock_count_lines" DROP CONSTRAINT "fk_stock_count_lines_session"');
    await queryRunner.query('ALTER TABLE "stock_count_sessions" DROP CONSTRAINT "fk_stock_count_sessions_warehouse"');
    await queryRunner.query('ALTER TABLE "stock_reorder_levels" DROP CONSTRAINT "fk_stock_reorder_levels_warehouse"');
    await queryRunner.query('ALTER TABLE "stock_movements" DROP CONSTRAINT "fk_stock_movements_lot"');
    await queryRunner.query('ALTER TABLE "stock_lots" DROP CONSTRAINT "fk_stock_lots_kit_type"');
    await queryRunner.query('ALTER TABLE "stock_lots" DROP CONSTRAINT "fk_stock_lots_item"');
    await queryRunner.query('ALTER TABLE "stock_lots" DROP CONSTRAINT "fk_stock_lots_warehouse"');
    await queryRunner.query('ALTER TABLE "warehouses" DROP CONSTRAINT "fk_warehouses_organization"');
    await queryRunner.query('ALTER TABLE "kit_components" DROP CONSTRAINT "fk_kit_components_item"');
    await queryRunner.query('ALTER TABLE "kit_components" DROP CONSTRAINT "fk_kit_components_kit_type"');
    await queryRunner.query('DROP INDEX "public"."uq_inventory_job_runs_tick"');
    await queryRunner.query('DROP TABLE "inventory_job_runs"');
    await queryRunner.query('DROP INDEX "public"."uq_stock_alerts_open"');
    await queryRunner.query('DROP INDEX "public"."ix_stock_alerts_warehouse"');
    await queryRunner.query('DROP TABLE "stock_alerts"');
    await queryRunner.query('DROP INDEX "public"."uq_stock_count_lines_lot"');
    await queryRunner.query('DROP TABLE "stock_count_lines"');
    await queryRunner.query('DROP TABLE "stock_count_sessions"');
    await queryRunner.query('DROP TABLE "stock_reorder_levels"');
    await queryRunner.query('DROP TABLE "stock_transfers"');
    await queryRunner.query('DROP INDEX "public"."ix_stock_reservations_reference"');
    await queryRunner.query('DROP TABLE "stock_reservations"');
    await queryRunner.query('DROP INDEX "public"."ix_stock_movements_lot_seq"');
    await queryRunner.query('DROP INDEX "public"."ix_stock_movements_card"');
    await queryRunner.query('DROP INDEX "public"."ix_stock_movements_operation"');
    await queryRunner.query('DROP INDEX "public"."ix_stock_movements_reference"');
    await queryRunner.query('DROP TABLE "stock_movements"');
    await queryRunner.query('DROP INDEX "public"."ix_stock_lots_warehouse_item"');
    await queryRunner.query('DROP INDEX "public"."ix_stock_lots_warehouse_kit"');
    await queryRunner.query('DROP TABLE "stock_lots"');
    await queryRunner.query('DROP INDEX "public"."uq_warehouses_org_name"');
    await queryRunner.query('DROP TABLE "warehouses"');
    await queryRunner.query('DROP INDEX "public"."ix_kit_components_item"');
    await queryRunner.query('DROP TABLE "kit_components"');
    await queryRunner.query('DROP INDEX "public"."uq_kit_types_code_version"');
    await queryRunner.query('DROP INDEX "public"."uq_kit_types_current"');
    await queryRunner.query('DROP TABLE "kit_types"');
    await queryRunner.query('DROP INDEX "public"."uq_inventory_items_sku"');
    await queryRunner.query('DROP TABLE "inventory_items"');
  }
}
