ALTER TABLE "mechanism" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "mechanism" ADD COLUMN "edited_by" text;--> statement-breakpoint
ALTER TABLE "mechanism" ADD COLUMN "retired_at" timestamp with time zone;