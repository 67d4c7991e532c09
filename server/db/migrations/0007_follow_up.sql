CREATE TABLE "implementation_assessment" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"recommendation_id" bigint NOT NULL,
	"assessor_kind" text NOT NULL,
	"assessor_organisation_id" integer,
	"status_key" text NOT NULL,
	"reason" text NOT NULL,
	"assessed_on" date NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "implementation_assessment_assessor" CHECK ("implementation_assessment"."assessor_kind" in ('government', 'nhri', 'civil_society', 'mechanism'))
);
--> statement-breakpoint
CREATE TABLE "job_run" (
	"name" text PRIMARY KEY NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_run_for" date,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "reporting_round" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" jsonb NOT NULL,
	"mechanism_ids" integer[] DEFAULT '{}' NOT NULL,
	"recommendation_ids" bigint[] DEFAULT '{}' NOT NULL,
	"institution_ids" integer[] DEFAULT '{}' NOT NULL,
	"opens_on" date NOT NULL,
	"due_on" date NOT NULL,
	"reminder_days" smallint[] DEFAULT '{14,7,1}' NOT NULL,
	"escalate_to_validator_after_days" smallint DEFAULT 3 NOT NULL,
	"escalate_to_secretariat_after_days" smallint DEFAULT 7 NOT NULL,
	"closed" boolean DEFAULT false NOT NULL,
	"created_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reporting_round_dates" CHECK ("reporting_round"."due_on" >= "reporting_round"."opens_on"),
	CONSTRAINT "reporting_round_escalation" CHECK ("reporting_round"."escalate_to_secretariat_after_days" >= "reporting_round"."escalate_to_validator_after_days" and "reporting_round"."escalate_to_validator_after_days" >= 1)
);
--> statement-breakpoint
CREATE TABLE "status_scale_step" (
	"id" serial PRIMARY KEY NOT NULL,
	"assessor_kind" text NOT NULL,
	"key" text NOT NULL,
	"label" jsonb NOT NULL,
	"position" smallint NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "status_scale_step_key" UNIQUE("assessor_kind","key"),
	CONSTRAINT "status_scale_step_assessor" CHECK ("status_scale_step"."assessor_kind" in ('government', 'nhri', 'civil_society', 'mechanism'))
);
--> statement-breakpoint
ALTER TABLE "implementation_assessment" ADD CONSTRAINT "implementation_assessment_recommendation_id_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_assessment" ADD CONSTRAINT "implementation_assessment_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_round" ADD CONSTRAINT "reporting_round_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "implementation_assessment_recommendation" ON "implementation_assessment" USING btree ("recommendation_id","assessor_kind","assessed_on");--> statement-breakpoint
-- Assessments are history: a correction is a new assessment, never an edit.
CREATE FUNCTION implementation_assessment_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'implementation_assessment is append-only';
END;
$$;--> statement-breakpoint
CREATE TRIGGER implementation_assessment_append_only BEFORE UPDATE OR DELETE ON implementation_assessment
  FOR EACH ROW EXECUTE FUNCTION implementation_assessment_append_only();--> statement-breakpoint
-- The default scales. An instance edits its own (labels, order, new steps, retiring steps).
INSERT INTO status_scale_step (assessor_kind, key, label, position) VALUES
  ('government', 'not_started', '{"en":"Not started","es":"No iniciada","fr":"Non commencée","pt":"Não iniciada"}', 1),
  ('government', 'in_progress', '{"en":"In progress","es":"En curso","fr":"En cours","pt":"Em andamento"}', 2),
  ('government', 'partially_implemented', '{"en":"Partially implemented","es":"Parcialmente implementada","fr":"Partiellement mise en œuvre","pt":"Parcialmente implementada"}', 3),
  ('government', 'implemented', '{"en":"Implemented","es":"Implementada","fr":"Mise en œuvre","pt":"Implementada"}', 4),
  ('government', 'no_longer_applicable', '{"en":"No longer applicable","es":"Ya no aplicable","fr":"Sans objet","pt":"Não mais aplicável"}', 5),
  ('nhri', 'not_implemented', '{"en":"Not implemented","es":"No implementada","fr":"Non mise en œuvre","pt":"Não implementada"}', 1),
  ('nhri', 'partially_implemented', '{"en":"Partially implemented","es":"Parcialmente implementada","fr":"Partiellement mise en œuvre","pt":"Parcialmente implementada"}', 2),
  ('nhri', 'implemented', '{"en":"Implemented","es":"Implementada","fr":"Mise en œuvre","pt":"Implementada"}', 3),
  ('civil_society', 'not_implemented', '{"en":"Not implemented","es":"No implementada","fr":"Non mise en œuvre","pt":"Não implementada"}', 1),
  ('civil_society', 'partially_implemented', '{"en":"Partially implemented","es":"Parcialmente implementada","fr":"Partiellement mise en œuvre","pt":"Parcialmente implementada"}', 2),
  ('civil_society', 'implemented', '{"en":"Implemented","es":"Implementada","fr":"Mise en œuvre","pt":"Implementada"}', 3),
  -- The grades treaty bodies use in their follow-up procedure.
  ('mechanism', 'A', '{"en":"A: satisfactory action","es":"A: medidas satisfactorias","fr":"A : mesures satisfaisantes","pt":"A: medidas satisfatórias"}', 5),
  ('mechanism', 'B', '{"en":"B: partially satisfactory action","es":"B: medidas parcialmente satisfactorias","fr":"B : mesures partiellement satisfaisantes","pt":"B: medidas parcialmente satisfatórias"}', 4),
  ('mechanism', 'C', '{"en":"C: unsatisfactory action","es":"C: medidas no satisfactorias","fr":"C : mesures non satisfaisantes","pt":"C: medidas não satisfatórias"}', 3),
  ('mechanism', 'D', '{"en":"D: no cooperation","es":"D: falta de cooperación","fr":"D : absence de coopération","pt":"D: falta de cooperação"}', 2),
  ('mechanism', 'E', '{"en":"E: action contrary to the recommendation","es":"E: medidas contrarias a la recomendación","fr":"E : mesures contraires à la recommandation","pt":"E: medidas contrárias à recomendação"}', 1);
