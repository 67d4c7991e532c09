CREATE TABLE "report_draft" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"template" text NOT NULL,
	"title" text NOT NULL,
	"language" text NOT NULL,
	"grouping" text NOT NULL,
	"selection" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_draft_template" CHECK ("report_draft"."template" in ('treaty_periodic', 'treaty_follow_up', 'upr_midterm', 'custom')),
	CONSTRAINT "report_draft_grouping" CHECK ("report_draft"."grouping" in ('theme', 'cluster', 'institution', 'paragraph'))
);
--> statement-breakpoint
CREATE TABLE "report_section" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"draft_id" bigint NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"group_heading" text,
	"heading" text NOT NULL,
	"generated_text" text NOT NULL,
	"edited_text" text,
	"edited_by" bigint,
	"edited_at" timestamp with time zone,
	"orphaned" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_version" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"draft_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"reason" text NOT NULL,
	"sections" jsonb NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_draft" ADD CONSTRAINT "report_draft_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_section" ADD CONSTRAINT "report_section_draft_id_report_draft_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."report_draft"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_section" ADD CONSTRAINT "report_section_edited_by_app_user_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_version" ADD CONSTRAINT "report_version_draft_id_report_draft_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."report_draft"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_version" ADD CONSTRAINT "report_version_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_section_key" ON "report_section" USING btree ("draft_id","key");--> statement-breakpoint
CREATE INDEX "report_section_order" ON "report_section" USING btree ("draft_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "report_version_unique" ON "report_version" USING btree ("draft_id","version");