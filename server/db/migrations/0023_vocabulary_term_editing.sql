ALTER TABLE "vocabulary_term" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "vocabulary_term" ADD COLUMN "edited_by" text;--> statement-breakpoint
ALTER TABLE "vocabulary_term" ADD COLUMN "retired_at" timestamp with time zone;