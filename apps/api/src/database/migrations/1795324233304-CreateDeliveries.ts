import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDeliveries1795324233304 implements MigrationInterface {
  name = 'CreateDeliveries1795324233304';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"delivery_plans\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"organization_id\" uuid NOT NULL, \"name\" character varying(150) NOT NULL, \"depot_warehouse_id\" uuid NOT NULL, \"start_date\" date NOT NULL, \"end_date\" date NOT NULL, \"status\" character varying(12) NOT NULL DEFAULT 'draft', \"notes\" text, \"created_by\" uuid, \"optimised_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_delivery_plans_dates\" CHECK (end_date >= start_date), CONSTRAINT \"ck_delivery_plans_status\" CHECK (status IN ('draft','allocated','optimised','dispatched','completed','cancelled')), CONSTRAINT \"PK_d167b9657633ae28ce090ca72e4\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_delivery_plans_org\" ON \"delivery_plans\"  (\"organization_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_delivery_plans_status\" ON \"delivery_plans\"  (\"status\") ");
    await queryRunner.query("CREATE TABLE \"delivery_vehicles\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"plan_id\" uuid NOT NULL, \"name\" character varying(100) NOT NULL, \"type\" character varying(12) NOT NULL, \"capacity_kg\" numeric(10,2) NOT NULL, \"capacity_m3\" numeric(10,3) NOT NULL, \"capacity_kits\" integer NOT NULL, \"work_start_min\" smallint NOT NULL DEFAULT '360', \"work_end_min\" smallint NOT NULL DEFAULT '1080', \"max_route_minutes\" integer, \"skills\" character varying(30) array NOT NULL DEFAULT '{}', \"driver_name\" character varying(100), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_delivery_vehicles_max_route\" CHECK (max_route_minutes IS NULL OR max_route_minutes > 0), CONSTRAINT \"ck_delivery_vehicles_hours\" CHECK (work_start_min >= 0 AND work_end_min <= 1440 AND work_end_min > work_start_min), CONSTRAINT \"ck_delivery_vehicles_capacity\" CHECK (capacity_kg > 0 AND capacity_m3 > 0 AND capacity_kits > 0), CONSTRAINT \"ck_delivery_vehicles_type\" CHECK (type IN ('truck','pickup','boat','animal_team','on_foot')), CONSTRAINT \"PK_f5e697e89394a91f6dbf23891d1\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_delivery_vehicles_plan\" ON \"delivery_vehicles\"  (\"plan_id\") ");
    await queryRunner.query("CREATE TABLE \"delivery_routes\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"plan_id\" uuid NOT NULL, \"vehicle_id\" uuid NOT NULL, \"status\" character varying(12) NOT NULL DEFAULT 'planned', \"locked\" boolean NOT NULL DEFAULT false, \"departure_at\" TIMESTAMP WITH TIME ZONE, \"distance_m\" integer NOT NULL DEFAULT '0', \"duration_s\" integer NOT NULL DEFAULT '0', \"load_kg\" numeric(12,2) NOT NULL DEFAULT '0', \"load_m3\" numeric(12,3) NOT NULL DEFAULT '0', \"load_kits\" integer NOT NULL DEFAULT '0', \"matrix_source\" character varying(20), \"loaded_at\" TIMESTAMP WITH TIME ZONE, \"closed_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_delivery_routes_status\" CHECK (status IN ('planned','loaded','in_transit','completed','closed','cancelled')), CONSTRAINT \"PK_114337f048f541ccfe4c5d57140\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_delivery_routes_plan\" ON \"delivery_routes\"  (\"plan_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_delivery_routes_vehicle\" ON \"delivery_routes\"  (\"vehicle_id\") ");
    await queryRunner.query("CREATE TABLE \"delivery_stops\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"plan_id\" uuid NOT NULL, \"community_id\" uuid NOT NULL, \"need_request_id\" uuid, \"status\" character varying(12) NOT NULL DEFAULT 'pending', \"route_id\" uuid, \"sequence\" integer, \"eta\" TIMESTAMP WITH TIME ZONE, \"unserved_reason\" character varying(20), \"service_minutes\" integer NOT NULL DEFAULT '30', \"notes\" text, \"failure_reason\" character varying(500), \"delivered_at\" TIMESTAMP WITH TIME ZONE, \"confirmed_at\" TIMESTAMP WITH TIME ZONE, \"confirmation_code_hash\" character(64), \"confirmation_code_sealed\" character varying(200), \"code_expires_at\" TIMESTAMP WITH TIME ZONE, \"code_failed_attempts\" integer NOT NULL DEFAULT '0', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_delivery_stops_unserved\" CHECK (unserved_reason IS NULL OR unserved_reason IN ('skills','capacity','time_window','max_duration','max_distance','fleet','no_vehicle')), CONSTRAINT \"ck_delivery_stops_status\" CHECK (status IN ('pending','delivered','confirmed','failed','cancelled')), CONSTRAINT \"PK_eb416f3c6809d95677b680ee7a9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_delivery_stops_plan\" ON \"delivery_stops\"  (\"plan_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_delivery_stops_community\" ON \"delivery_stops\"  (\"community_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_delivery_stops_need\" ON \"delivery_stops\"  (\"need_request_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_delivery_stops_status\" ON \"delivery_stops\"  (\"status\") ");
    await queryRunner.query("CREATE INDEX \"ix_delivery_stops_route\" ON \"delivery_stops\"  (\"route_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_delivery_stops_code\" ON \"delivery_stops\"  (\"confirmation_code_hash\") WHERE confirmation_code_hash IS NOT NULL");
    await queryRunner.query("CREATE TABLE \"delivery_stop_lines\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"stop_id\" uuid NOT NULL, \"kit_type_id\" uuid NOT NULL, \"quantity\" integer NOT NULL, \"reservation_id\" uuid, \"dispatched\" integer NOT NULL DEFAULT '0', \"dispatched_lots\" jsonb NOT NULL DEFAULT '[]', \"accepted\" integer, \"rejected\" integer NOT NULL DEFAULT '0', \"rejection_reason\" character varying(12), \"missing\" integer NOT NULL DEFAULT '0', \"returned\" integer NOT NULL DEFAULT '0', CONSTRAINT \"ck_delivery_stop_lines_rejection\" CHECK (rejection_reason IS NULL OR rejection_reason IN ('damaged','expired','wrong_item','not_needed')), CONSTRAINT \"ck_delivery_stop_lines_pod\" CHECK (accepted IS NULL OR (accepted >= 0 AND rejected >= 0 AND missing >= 0 AND accepted + rejected + missing = dispatched)), CONSTRAINT \"ck_delivery_stop_lines_quantity\" CHECK (quantity > 0), CONSTRAINT \"PK_3c184974be77308784d34693e44\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_delivery_stop_lines_kit\" ON \"delivery_stop_lines\"  (\"stop_id\", \"kit_type_id\") ");
    await queryRunner.query("CREATE TABLE \"delivery_confirmations\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"stop_id\" uuid NOT NULL, \"channel\" character varying(8) NOT NULL, \"recorded_by\" uuid, \"received_by_name\" character varying(200) NOT NULL, \"received_by_role\" character varying(60), \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"notes\" text, \"photo\" text, \"gps_lat\" double precision, \"gps_lon\" double precision, \"sender_hash\" character(64), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_delivery_confirmations_channel\" CHECK (channel IN ('app','code','sms','phone')), CONSTRAINT \"PK_f5d1c0a4486c2648e04ad36d6d8\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_delivery_confirmations_stop\" ON \"delivery_confirmations\"  (\"stop_id\") ");
    await queryRunner.query("CREATE TABLE \"delivery_events\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"plan_id\" uuid NOT NULL, \"route_id\" uuid, \"stop_id\" uuid, \"kind\" character varying(40) NOT NULL, \"from_status\" character varying(12), \"to_status\" character varying(12), \"actor_user_id\" uuid, \"detail\" character varying(500), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_19b3537a3e016d72733fa56f7a4\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_delivery_events_stop\" ON \"delivery_events\"  (\"stop_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_delivery_events_plan\" ON \"delivery_events\"  (\"plan_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"delivery_alerts\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"kind\" character varying(30) NOT NULL, \"stop_id\" uuid NOT NULL, \"organization_id\" uuid NOT NULL, \"message\" character varying(500) NOT NULL, \"raised_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"resolved_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"ck_delivery_alerts_kind\" CHECK (kind IN ('confirmation_overdue')), CONSTRAINT \"PK_f2891bacd812a5a4e3b2a8a4eef\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_delivery_alerts_org\" ON \"delivery_alerts\"  (\"organization_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_delivery_alerts_open\" ON \"delivery_alerts\"  (\"kind\", \"stop_id\") WHERE resolved_at IS NULL");
    await queryRunner.query("ALTER TABLE \"delivery_plans\" ADD CONSTRAINT \"fk_delivery_plans_organization\" FOREIGN KEY (\"organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_plans\" ADD CONSTRAINT \"fk_delivery_plans_depot\" FOREIGN KEY (\"depot_warehouse_id\") REFERENCES \"warehouses\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_plans\" ADD CONSTRAINT \"fk_delivery_plans_created_by\" FOREIGN KEY (\"created_by\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_vehicles\" ADD CONSTRAINT \"fk_delivery_vehicles_plan\" FOREIGN KEY (\"plan_id\") REFERENCES \"delivery_plans\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_routes\" ADD CONSTRAINT \"fk_delivery_routes_plan\" FOREIGN KEY (\"plan_id\") REFERENCES \"delivery_plans\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_routes\" ADD CONSTRAINT \"fk_delivery_routes_vehicle\" FOREIGN KEY (\"vehicle_id\") REFERENCES \"delivery_vehicles\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_stops\" ADD CONSTRAINT \"fk_delivery_stops_plan\" FOREIGN KEY (\"plan_id\") REFERENCES \"delivery_plans\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_stops\" ADD CONSTRAINT \"fk_delivery_stops_community\" FOREIGN KEY (\"community_id\") REFERENCES \"communities\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_stops\" ADD CONSTRAINT \"fk_delivery_stops_need\" FOREIGN KEY (\"need_request_id\") REFERENCES \"need_requests\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_stops\" ADD CONSTRAINT \"fk_delivery_stops_route\" FOREIGN KEY (\"route_id\") REFERENCES \"delivery_routes\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_stop_lines\" ADD CONSTRAINT \"fk_delivery_stop_lines_stop\" FOREIGN KEY (\"stop_id\") REFERENCES \"delivery_stops\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_stop_lines\" ADD CONSTRAINT \"fk_delivery_stop_lines_kit_type\" FOREIGN KEY (\"kit_type_id\") REFERENCES \"kit_types\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_stop_lines\" ADD CONSTRAINT \"fk_delivery_stop_lines_reservation\" FOREIGN KEY (\"reservation_id\") REFERENCES \"stock_reservations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_confirmations\" ADD CONSTRAINT \"fk_delivery_confirmations_stop\" FOREIGN KEY (\"stop_id\") REFERENCES \"delivery_stops\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_confirmations\" ADD CONSTRAINT \"fk_delivery_confirmations_recorded_by\" FOREIGN KEY (\"recorded_by\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_events\" ADD CONSTRAINT \"fk_delivery_events_plan\" FOREIGN KEY (\"plan_id\") REFERENCES \"delivery_plans\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"delivery_alerts\" ADD CONSTRAINT \"fk_delivery_alerts_stop\" FOREIGN KEY (\"stop_id\") REFERENCES \"delivery_stops\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"delivery_alerts\" DROP CONSTRAINT \"fk_delivery_alerts_stop\"");
    await queryRunner.query("ALTER TABLE \"delivery_events\" DROP CONSTRAINT \"fk_delivery_events_plan\"");
    await queryRunner.query("ALTER TABLE \"delivery_confirmations\" DROP CONSTRAINT \"fk_delivery_confirmations_recorded_by\"");
    await queryRunner.query("ALTER TABLE \"delivery_confirmations\" DROP CONSTRAINT \"fk_delivery_confirmations_stop\"");
    await queryRunner.query("ALTER TABLE \"delivery_stop_lines\" DROP CONSTRAINT \"fk_delivery_stop_lines_reservation\"");
    await queryRunner.query("ALTER TABLE \"delivery_stop_lines\" DROP CONSTRAINT \"fk_delivery_stop_lines_kit_type\"");
    await queryRunner.query("ALTER TABLE \"delivery_stop_lines\" DROP CONSTRAINT \"fk_delivery_stop_lines_stop\"");
    await queryRunner.query("ALTER TABLE \"delivery_stops\" DROP CONSTRAINT \"fk_delivery_stops_route\"");
    await queryRunner.query("ALTER TABLE \"delivery_stops\" DROP CONSTRAINT \"fk_delivery_stops_need\"");
    await queryRunner.query("ALTER TABLE \"delivery_stops\" DROP CONSTRAINT \"fk_delivery_stops_community\"");
    await queryRunner.query("ALTER TABLE \"delivery_stops\" DROP CONSTRAINT \"fk_delivery_stops_plan\"");
    await queryRunner.query("ALTER TABLE \"delivery_routes\" DROP CONSTRAINT \"fk_delivery_routes_vehicle\"");
    await queryRunner.query("ALTER TABLE \"delivery_routes\" DROP CONSTRAINT \"fk_delivery_routes_plan\"");
    await queryRunner.query("ALTER TABLE \"delivery_vehicles\" DROP CONSTRAINT \"fk_delivery_vehicles_plan\"");
    await queryRunner.query("ALTER TABLE \"delivery_plans\" DROP CONSTRAINT \"fk_delivery_plans_created_by\"");
    await queryRunner.query("ALTER TABLE \"delivery_plans\" DROP CONSTRAINT \"fk_delivery_plans_depot\"");
    await queryRunner.query("ALTER TABLE \"delivery_plans\" DROP CONSTRAINT \"fk_delivery_plans_organization\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_delivery_alerts_open\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_delivery_alerts_org\"");
    await queryRunner.query("DROP TABLE \"delivery_alerts\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_delivery_events_plan\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_delivery_events_stop\"");
    await queryRunner.query("DROP TABLE \"delivery_events\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_delivery_confirmations_stop\"");
    await queryRunner.query("DROP TABLE \"delivery_confirmations\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_delivery_stop_lines_kit\"");
    await queryRunner.query("DROP TABLE \"delivery_stop_lines\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_delivery_stops_code\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_delivery_stops_route\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_delivery_stops_status\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_delivery_stops_need\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_delivery_stops_community\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_delivery_stops_plan\"");
    await queryRunner.query("DROP TABLE \"delivery_stops\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_delivery_routes_vehicle\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_delivery_routes_plan\"");
    await queryRunner.query("DROP TABLE \"delivery_routes\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_delivery_vehicles_plan\"");
    await queryRunner.query("DROP TABLE \"delivery_vehicles\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_delivery_plans_status\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_delivery_plans_org\"");
    await queryRunner.query("DROP TABLE \"delivery_plans\"");
  }
}
