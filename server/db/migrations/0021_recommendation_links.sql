CREATE TABLE "recommendation_link" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"low_id" bigint NOT NULL,
	"high_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"similarity" real NOT NULL,
	"state" text NOT NULL,
	"scan_version" text NOT NULL,
	"decided_by" bigint,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_link_pair" UNIQUE("low_id","high_id"),
	CONSTRAINT "recommendation_link_order" CHECK ("recommendation_link"."low_id" < "recommendation_link"."high_id"),
	CONSTRAINT "recommendation_link_kind" CHECK ("recommendation_link"."kind" in ('duplicate', 'recurrence', 'similar')),
	CONSTRAINT "recommendation_link_state" CHECK ("recommendation_link"."state" in ('linked', 'candidate', 'confirmed', 'rejected')),
	CONSTRAINT "recommendation_link_similarity" CHECK ("recommendation_link"."similarity" >= 0 and "recommendation_link"."similarity" <= 1),
	CONSTRAINT "recommendation_link_decision" CHECK (("recommendation_link"."state" in ('confirmed', 'rejected')) = ("recommendation_link"."decided_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "related_scan_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"catalogue_version" bigint DEFAULT 0 NOT NULL,
	"scan_version" text,
	"last_run_at" timestamp with time zone,
	"scanned" integer DEFAULT 0 NOT NULL,
	"links" integer DEFAULT 0 NOT NULL,
	"millis" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "related_scan_state_one_row" CHECK ("related_scan_state"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "recommendation_link" ADD CONSTRAINT "recommendation_link_low_id_recommendation_id_fk" FOREIGN KEY ("low_id") REFERENCES "public"."recommendation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_link" ADD CONSTRAINT "recommendation_link_high_id_recommendation_id_fk" FOREIGN KEY ("high_id") REFERENCES "public"."recommendation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_link" ADD CONSTRAINT "recommendation_link_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recommendation_link_high" ON "recommendation_link" USING btree ("high_id");