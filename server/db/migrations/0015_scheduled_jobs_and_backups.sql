CREATE TABLE "backup_run" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	"file" text,
	"error" text,
	"removed_at" timestamp with time zone,
	CONSTRAINT "backup_run_due_at_unique" UNIQUE("due_at"),
	CONSTRAINT "backup_run_outcome" CHECK (("backup_run"."file" is null) <> ("backup_run"."error" is null))
);
--> statement-breakpoint
CREATE TABLE "job_slot" (
	"job" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "job_slot_job_due_at_pk" PRIMARY KEY("job","due_at")
);
