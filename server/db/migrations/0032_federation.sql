CREATE TABLE "federation_key" (
	"kid" text PRIMARY KEY NOT NULL,
	"jwk" jsonb NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "federation_publication" (
	"version" bigint PRIMARY KEY NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"records" integer NOT NULL,
	"tombstones" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_record" (
	"kind" text NOT NULL,
	"record_id" bigint NOT NULL,
	"version" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"digest" text NOT NULL,
	"body" jsonb,
	CONSTRAINT "federation_record_kind_record_id_version_pk" PRIMARY KEY("kind","record_id","version"),
	CONSTRAINT "federation_record_body" CHECK ("federation_record"."deleted" = ("federation_record"."body" is null))
);
--> statement-breakpoint
CREATE TABLE "federation_state" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"instance_id" text DEFAULT gen_random_uuid()::text NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"source_versions" text DEFAULT '' NOT NULL,
	"refreshed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "network_copy_change" (
	"iso3" text NOT NULL,
	"version" bigint NOT NULL,
	"kind" text NOT NULL,
	"record_id" bigint NOT NULL,
	"body" jsonb,
	CONSTRAINT "network_copy_change_iso3_version_kind_record_id_pk" PRIMARY KEY("iso3","version","kind","record_id")
);
--> statement-breakpoint
CREATE TABLE "network_copy_record" (
	"iso3" text NOT NULL,
	"kind" text NOT NULL,
	"record_id" bigint NOT NULL,
	"version" bigint NOT NULL,
	"body" jsonb NOT NULL,
	CONSTRAINT "network_copy_record_iso3_kind_record_id_pk" PRIMARY KEY("iso3","kind","record_id")
);
--> statement-breakpoint
CREATE TABLE "network_copy_state" (
	"iso3" text PRIMARY KEY NOT NULL,
	"instance_id" text NOT NULL,
	"version" bigint NOT NULL,
	"applied_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_harvest" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"iso3" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"detail" text DEFAULT '' NOT NULL,
	"version" bigint,
	"since" bigint,
	"kid" text,
	"records" integer DEFAULT 0 NOT NULL,
	"tombstones" integer DEFAULT 0 NOT NULL,
	"signature" text,
	"trigger" text NOT NULL,
	CONSTRAINT "network_harvest_outcome" CHECK ("network_harvest"."outcome" in ('applied', 'up_to_date', 'refused', 'unreachable'))
);
--> statement-breakpoint
CREATE TABLE "network_instance" (
	"iso3" text PRIMARY KEY NOT NULL,
	"base_url" text NOT NULL,
	"join_request_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_key" (
	"kid" text PRIMARY KEY NOT NULL,
	"iso3" text NOT NULL,
	"jwk" jsonb NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"source" text NOT NULL,
	"approved_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_key_source" CHECK ("network_key"."source" in ('join_request', 'rotation'))
);
--> statement-breakpoint
ALTER TABLE "network_join_request" ADD COLUMN "instance_url" text;--> statement-breakpoint
ALTER TABLE "network_join_request" ADD COLUMN "public_key" jsonb;--> statement-breakpoint
ALTER TABLE "network_copy_change" ADD CONSTRAINT "network_copy_change_iso3_network_state_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."network_state"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_copy_record" ADD CONSTRAINT "network_copy_record_iso3_network_state_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."network_state"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_copy_state" ADD CONSTRAINT "network_copy_state_iso3_network_state_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."network_state"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_harvest" ADD CONSTRAINT "network_harvest_iso3_network_state_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."network_state"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_instance" ADD CONSTRAINT "network_instance_iso3_network_state_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."network_state"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_instance" ADD CONSTRAINT "network_instance_join_request_id_network_join_request_id_fk" FOREIGN KEY ("join_request_id") REFERENCES "public"."network_join_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_key" ADD CONSTRAINT "network_key_iso3_network_state_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."network_state"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_key" ADD CONSTRAINT "network_key_approved_by_app_user_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "federation_record_version" ON "federation_record" USING btree ("version");--> statement-breakpoint
CREATE INDEX "network_harvest_state" ON "network_harvest" USING btree ("iso3","id");--> statement-breakpoint
CREATE INDEX "network_key_state" ON "network_key" USING btree ("iso3");