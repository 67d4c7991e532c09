CREATE TABLE "report_cluster" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" jsonb NOT NULL,
	"position" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_cluster_member" (
	"recommendation_id" bigint PRIMARY KEY NOT NULL,
	"cluster_id" bigint NOT NULL,
	"source" text NOT NULL,
	"score" real,
	"assigned_by" bigint,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_cluster_member_source" CHECK ("report_cluster_member"."source" in ('manual', 'suggestion'))
);
--> statement-breakpoint
ALTER TABLE "report_draft" ADD COLUMN "cluster_source" text;--> statement-breakpoint
ALTER TABLE "report_cluster" ADD CONSTRAINT "report_cluster_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_cluster_member" ADD CONSTRAINT "report_cluster_member_recommendation_id_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_cluster_member" ADD CONSTRAINT "report_cluster_member_cluster_id_report_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."report_cluster"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_cluster_member" ADD CONSTRAINT "report_cluster_member_assigned_by_app_user_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_cluster_order" ON "report_cluster" USING btree ("position","id");--> statement-breakpoint
CREATE INDEX "report_cluster_member_cluster" ON "report_cluster_member" USING btree ("cluster_id");--> statement-breakpoint
ALTER TABLE "report_draft" ADD CONSTRAINT "report_draft_cluster_source" CHECK ("report_draft"."cluster_source" is null or "report_draft"."cluster_source" in ('instance', 'theme'));