import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCommunities1795315489698 implements MigrationInterface {
  name = 'CreateCommunities1795315489698';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"populated_places\" (\"code\" character varying(10) NOT NULL, \"name\" character varying(150) NOT NULL, \"kind\" character varying(5) NOT NULL, \"district_ubigeo\" character varying(6) NOT NULL, \"lat\" double precision NOT NULL, \"lon\" double precision NOT NULL, CONSTRAINT \"ck_populated_places_kind\" CHECK (kind IN ('rural','urban')), CONSTRAINT \"PK_a951a3224a982f5f3714945f399\" PRIMARY KEY (\"code\"))");
    await queryRunner.query("CREATE INDEX \"ix_populated_places_district\" ON \"populated_places\"  (\"district_ubigeo\") ");
    await queryRunner.query("CREATE TABLE \"populated_place_clusters\" (\"zoom\" smallint NOT NULL, \"cell_x\" integer NOT NULL, \"cell_y\" integer NOT NULL, \"count\" integer NOT NULL, \"lat\" double precision NOT NULL, \"lon\" double precision NOT NULL, \"department_ubigeo\" character varying(2) NOT NULL, CONSTRAINT \"PK_2f58cab9194834e15da23241a00\" PRIMARY KEY (\"zoom\", \"cell_x\", \"cell_y\", \"department_ubigeo\"))");
    await queryRunner.query("CREATE TABLE \"communities\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"name\" character varying(150) NOT NULL, \"district_ubigeo\" character varying(6) NOT NULL, \"place_code\" character varying(10), \"lat\" double precision NOT NULL, \"lon\" double precision NOT NULL, \"altitude_m\" integer, \"population\" integer, \"households\" integer, \"languages\" character varying(8) array NOT NULL DEFAULT '{}', \"access_mode\" character varying(20), \"access_hours\" numeric(5,1), \"cut_off_months\" smallint array NOT NULL DEFAULT '{}', \"notes\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_communities_cut_off_months\" CHECK (cut_off_months <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12]::smallint[]), CONSTRAINT \"ck_communities_counts\" CHECK ((population IS NULL OR population >= 0) AND (households IS NULL OR households >= 0)), CONSTRAINT \"ck_communities_access_mode\" CHECK (access_mode IS NULL OR access_mode IN ('paved_road','unpaved_road','trail','river','air')), CONSTRAINT \"ck_communities_lon\" CHECK (lon BETWEEN -81.4 AND -68.6), CONSTRAINT \"ck_communities_lat\" CHECK (lat BETWEEN -18.4 AND 0.0), CONSTRAINT \"PK_fea1fe83c86ccde9d0a089e7ea2\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_communities_district\" ON \"communities\"  (\"district_ubigeo\") ");
    await queryRunner.query("CREATE INDEX \"ix_communities_place\" ON \"communities\"  (\"place_code\") ");
    await queryRunner.query("CREATE TABLE \"community_partners\" (\"community_id\" uuid NOT NULL, \"organization_id\" uuid NOT NULL, CONSTRAINT \"PK_e0530c104c79cad8c9b323c46f9\" PRIMARY KEY (\"community_id\", \"organization_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_community_partners_organization\" ON \"community_partners\"  (\"organization_id\") ");
    await queryRunner.query("CREATE TABLE \"community_leaders\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"community_id\" uuid NOT NULL, \"full_name\" character varying(200) NOT NULL, \"role\" character varying(40) NOT NULL, \"phone\" character varying(16), \"preferred_language\" character varying(8) NOT NULL DEFAULT 'es', \"user_id\" uuid, \"active\" boolean NOT NULL DEFAULT true, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_community_leaders_role\" CHECK (role IN ('presidente_comunal','teniente_gobernador','agente_municipal','alcalde_centro_poblado','apu','juez_de_paz','presidenta_vaso_de_leche','promotor_de_salud','other')), CONSTRAINT \"ck_community_leaders_phone\" CHECK (phone IS NULL OR phone ~ '^\\+[1-9][0-9]{6,14}$'), CONSTRAINT \"PK_f1a36b8c854b2368b7838612f50\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_community_leaders_community\" ON \"community_leaders\"  (\"community_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_community_leaders_user\" ON \"community_leaders\"  (\"user_id\") ");
    await queryRunner.query("CREATE TABLE \"personal_data_access_log\" (\"id\" BIGSERIAL NOT NULL, \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"actor_user_id\" uuid, \"organization_id\" uuid, \"leader_id\" uuid NOT NULL, \"community_id\" uuid NOT NULL, \"fields\" character varying(40) array NOT NULL, \"purpose\" character varying(200) NOT NULL, \"correlation_id\" character varying(100), CONSTRAINT \"PK_4cacb73199ffd64c66ecb2d0044\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_personal_data_access_log_occurred\" ON \"personal_data_access_log\"  (\"occurred_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_personal_data_access_log_leader\" ON \"personal_data_access_log\"  (\"leader_id\") ");
    await queryRunner.query("CREATE TABLE \"need_requests\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"community_id\" uuid NOT NULL, \"status\" character varying(20) NOT NULL DEFAULT 'submitted', \"urgency\" smallint NOT NULL, \"cause\" character varying(20) NOT NULL, \"households_affected\" integer NOT NULL, \"notes\" text, \"requested_by_user_id\" uuid, \"status_reason\" character varying(500), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_need_requests_households\" CHECK (households_affected >= 0), CONSTRAINT \"ck_need_requests_urgency\" CHECK (urgency BETWEEN 1 AND 5), CONSTRAINT \"ck_need_requests_cause\" CHECK (cause IN ('flood','landslide','frost','drought','epidemic','fire','other')), CONSTRAINT \"ck_need_requests_status\" CHECK (status IN ('submitted','approved','rejected','partially_fulfilled','fulfilled','cancelled')), CONSTRAINT \"PK_d9beb09ad029817bfd3f09cef1e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_need_requests_community\" ON \"need_requests\"  (\"community_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_need_requests_status\" ON \"need_requests\"  (\"status\") ");
    await queryRunner.query("CREATE TABLE \"need_request_lines\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"need_request_id\" uuid NOT NULL, \"kit_type_code\" character varying(40), \"item_description\" character varying(200), \"quantity\" integer NOT NULL, \"quantity_fulfilled\" integer NOT NULL DEFAULT '0', CONSTRAINT \"ck_need_request_lines_what\" CHECK (kit_type_code IS NOT NULL OR item_description IS NOT NULL), CONSTRAINT \"ck_need_request_lines_quantity\" CHECK (quantity > 0 AND quantity_fulfilled >= 0), CONSTRAINT \"PK_ffa41928b55428499c72062f23e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_need_request_lines_request\" ON \"need_request_lines\"  (\"need_request_id\") ");
    await queryRunner.query("CREATE TABLE \"need_request_events\" (\"id\" BIGSERIAL NOT NULL, \"need_request_id\" uuid NOT NULL, \"from_status\" character varying(20), \"to_status\" character varying(20) NOT NULL, \"actor_user_id\" uuid, \"reason\" character varying(500), \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_0267a12b074054946bd362f3c15\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_need_request_events_request\" ON \"need_request_events\"  (\"need_request_id\") ");
    await queryRunner.query("CREATE TABLE \"community_coverage\" (\"community_id\" uuid NOT NULL, \"last_delivery_at\" TIMESTAMP WITH TIME ZONE, \"total_kits\" integer NOT NULL DEFAULT '0', \"kits_by_category\" jsonb NOT NULL DEFAULT '{}', \"delivery_count\" integer NOT NULL DEFAULT '0', \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_community_coverage_total\" CHECK (total_kits >= 0), CONSTRAINT \"PK_d3987f7a40abb60483f8fa89740\" PRIMARY KEY (\"community_id\"))");
    await queryRunner.query("ALTER TABLE \"communities\" ADD CONSTRAINT \"fk_communities_district\" FOREIGN KEY (\"district_ubigeo\") REFERENCES \"districts\"(\"ubigeo\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"communities\" ADD CONSTRAINT \"fk_communities_place\" FOREIGN KEY (\"place_code\") REFERENCES \"populated_places\"(\"code\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"community_partners\" ADD CONSTRAINT \"fk_community_partners_community\" FOREIGN KEY (\"community_id\") REFERENCES \"communities\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"community_partners\" ADD CONSTRAINT \"fk_community_partners_organization\" FOREIGN KEY (\"organization_id\") REFERENCES \"organizations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"community_leaders\" ADD CONSTRAINT \"fk_community_leaders_community\" FOREIGN KEY (\"community_id\") REFERENCES \"communities\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"community_leaders\" ADD CONSTRAINT \"fk_community_leaders_user\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"need_requests\" ADD CONSTRAINT \"fk_need_requests_community\" FOREIGN KEY (\"community_id\") REFERENCES \"communities\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"need_requests\" ADD CONSTRAINT \"fk_need_requests_requested_by\" FOREIGN KEY (\"requested_by_user_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"need_request_lines\" ADD CONSTRAINT \"fk_need_request_lines_request\" FOREIGN KEY (\"need_request_id\") REFERENCES \"need_requests\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"need_request_events\" ADD CONSTRAINT \"fk_need_request_events_request\" FOREIGN KEY (\"need_request_id\") REFERENCES \"need_requests\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"community_coverage\" ADD CONSTRAINT \"fk_community_coverage_community\" FOREIGN KEY (\"community_id\") REFERENCES \"communities\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"community_coverage\" DROP CONSTRAINT \"fk_community_coverage_community\"");
    await queryRunner.query("ALTER TABLE \"need_request_events\" DROP CONSTRAINT \"fk_need_request_events_request\"");
    await queryRunner.query("ALTER TABLE \"need_request_lines\" DROP CONSTRAINT \"fk_need_request_lines_request\"");
    await queryRunner.query("ALTER TABLE \"need_requests\" DROP CONSTRAINT \"fk_need_requests_requested_by\"");
    await queryRunner.query("ALTER TABLE \"need_requests\" DROP CONSTRAINT \"fk_need_requests_community\"");
    await queryRunner.query("ALTER TABLE \"community_leaders\" DROP CONSTRAINT \"fk_community_leaders_user\"");
    await queryRunner.query("ALTER TABLE \"community_leaders\" DROP CONSTRAINT \"fk_community_leaders_community\"");
    await queryRunner.query("ALTER TABLE \"community_partners\" DROP CONSTRAINT \"fk_community_partners_organization\"");
    await queryRunner.query("ALTER TABLE \"community_partners\" DROP CONSTRAINT \"fk_community_partners_community\"");
    await queryRunner.query("ALTER TABLE \"communities\" DROP CONSTRAINT \"fk_communities_place\"");
    await queryRunner.query("ALTER TABLE \"communities\" DROP CONSTRAINT \"fk_communities_district\"");
    await queryRunner.query("DROP TABLE \"community_coverage\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_need_request_events_request\"");
    await queryRunner.query("DROP TABLE \"need_request_events\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_need_request_lines_request\"");
    await queryRunner.query("DROP TABLE \"need_request_lines\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_need_requests_status\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_need_requests_community\"");
    await queryRunner.query("DROP TABLE \"need_requests\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_personal_data_access_log_leader\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_personal_data_access_log_occurred\"");
    await queryRunner.query("DROP TABLE \"personal_data_access_log\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_community_leaders_user\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_community_leaders_community\"");
    await queryRunner.query("DROP TABLE \"community_leaders\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_community_partners_organization\"");
    await queryRunner.query("DROP TABLE \"community_partners\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_communities_place\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_communities_district\"");
    await queryRunner.query("DROP TABLE \"communities\"");
    await queryRunner.query("DROP TABLE \"populated_place_clusters\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_populated_places_district\"");
    await queryRunner.query("DROP TABLE \"populated_places\"");
  }
}
