CREATE TABLE "assignment" (
	"id" serial PRIMARY KEY NOT NULL,
	"recommendation_id" bigint NOT NULL,
	"institution_id" integer NOT NULL,
	"responsibility" text NOT NULL,
	"due_date" date,
	"assigned_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignment_responsibility" CHECK ("assignment"."responsibility" in ('lead', 'co_responsible'))
);
--> statement-breakpoint
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_recommendation_id_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_assigned_by_app_user_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assignment_unique" ON "assignment" USING btree ("recommendation_id","institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assignment_one_lead" ON "assignment" USING btree ("recommendation_id") WHERE "assignment"."responsibility" = 'lead';--> statement-breakpoint
CREATE INDEX "assignment_institution" ON "assignment" USING btree ("institution_id","due_date");