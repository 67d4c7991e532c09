CREATE TABLE "network_agenda_item" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_attendance" (
	"meeting_id" integer NOT NULL,
	"iso3" text NOT NULL,
	"status" text NOT NULL,
	"focal_point_present" boolean DEFAULT true NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_attendance_meeting_id_iso3_pk" PRIMARY KEY("meeting_id","iso3"),
	CONSTRAINT "network_attendance_status" CHECK ("network_attendance"."status" in ('member', 'observer'))
);
--> statement-breakpoint
CREATE TABLE "network_committee_rule" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"min_seats" integer NOT NULL,
	"max_seats" integer NOT NULL,
	"max_seats_per_region" integer NOT NULL,
	"proposal_id" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_committee_rule_single" CHECK ("network_committee_rule"."id" = 1),
	CONSTRAINT "network_committee_rule_seats" CHECK ("network_committee_rule"."min_seats" >= 1 and "network_committee_rule"."max_seats" >= "network_committee_rule"."min_seats" and "network_committee_rule"."max_seats_per_region" >= 1)
);
--> statement-breakpoint
CREATE TABLE "network_committee_term" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"proposal_id" integer,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"seats" jsonb NOT NULL,
	"coordinator" text NOT NULL,
	"rule" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_join_request" (
	"id" serial PRIMARY KEY NOT NULL,
	"iso3" text NOT NULL,
	"requested_status" text NOT NULL,
	"requester_name" text NOT NULL,
	"requester_email" text NOT NULL,
	"requester_locale" text DEFAULT 'en' NOT NULL,
	"focal_point_name" text NOT NULL,
	"focal_point_email" text NOT NULL,
	"declaration_adopted_on" date NOT NULL,
	"profile" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"stored_name" text NOT NULL,
	"file_name" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"state" text DEFAULT 'submitted' NOT NULL,
	"decision_reason" text,
	"decided_by" bigint,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_join_request_status" CHECK ("network_join_request"."requested_status" in ('member', 'observer')),
	CONSTRAINT "network_join_request_state_check" CHECK ("network_join_request"."state" in ('submitted', 'more_information_requested', 'approved', 'declined')),
	CONSTRAINT "network_join_request_reason" CHECK ("network_join_request"."state" not in ('declined', 'more_information_requested') or "network_join_request"."decision_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "network_meeting" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"meets_on" date NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"online_link" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"agenda_sent_on" date,
	"agenda_sent_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_meeting_status" CHECK ("network_meeting"."status" in ('planned', 'confirmed', 'held'))
);
--> statement-breakpoint
CREATE TABLE "network_minutes" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"number" integer NOT NULL,
	"text" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"amendments" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_minutes_number" UNIQUE("meeting_id","number"),
	CONSTRAINT "network_minutes_state" CHECK ("network_minutes"."state" in ('draft', 'circulated', 'approved', 'published'))
);
--> statement-breakpoint
CREATE TABLE "network_proposal" (
	"id" serial PRIMARY KEY NOT NULL,
	"agenda_item_id" integer NOT NULL,
	"text" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"objections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"record" jsonb,
	"sha256" text,
	"outcome" text,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_proposal_state" CHECK ("network_proposal"."state" in ('open', 'voting', 'decided'))
);
--> statement-breakpoint
CREATE TABLE "network_role" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"role" text NOT NULL,
	"iso3" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_role_unique" UNIQUE NULLS NOT DISTINCT("user_id","role","iso3"),
	CONSTRAINT "network_role_role" CHECK ("network_role"."role" in ('hub_secretariat', 'committee_member', 'coordinator', 'state_focal_point', 'state_deputy', 'observer_representative', 'partner')),
	CONSTRAINT "network_role_state_needed" CHECK (("network_role"."role" in ('state_focal_point', 'state_deputy', 'observer_representative')) = ("network_role"."iso3" is not null))
);
--> statement-breakpoint
CREATE TABLE "network_state" (
	"iso3" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"founding" boolean DEFAULT false NOT NULL,
	"nmirf_name" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"nmirf_type" text,
	"legal_basis" text DEFAULT '' NOT NULL,
	"coordinating_ministries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"website" text,
	"tracking_system" text DEFAULT '' NOT NULL,
	"joined_on" date NOT NULL,
	"declaration_adopted_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_state_status" CHECK ("network_state"."status" in ('member', 'observer')),
	CONSTRAINT "network_state_nmirf_type" CHECK ("network_state"."nmirf_type" is null or "network_state"."nmirf_type" in ('ministerial', 'inter_ministerial', 'parliamentary', 'institutionally_separate'))
);
--> statement-breakpoint
CREATE TABLE "network_status_change" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"iso3" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"changed_on" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"join_request_id" integer,
	"changed_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_vote" (
	"proposal_id" integer NOT NULL,
	"iso3" text NOT NULL,
	"vote" text NOT NULL,
	"cast_by" text NOT NULL,
	"cast_by_user" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_vote_proposal_id_iso3_pk" PRIMARY KEY("proposal_id","iso3"),
	CONSTRAINT "network_vote_vote" CHECK ("network_vote"."vote" in ('yes', 'no', 'abstain')),
	CONSTRAINT "network_vote_cast_by" CHECK ("network_vote"."cast_by" in ('focal_point', 'deputy'))
);
--> statement-breakpoint
ALTER TABLE "network_agenda_item" ADD CONSTRAINT "network_agenda_item_meeting_id_network_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."network_meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_attendance" ADD CONSTRAINT "network_attendance_meeting_id_network_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."network_meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_attendance" ADD CONSTRAINT "network_attendance_iso3_network_state_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."network_state"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_committee_rule" ADD CONSTRAINT "network_committee_rule_proposal_id_network_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."network_proposal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_committee_term" ADD CONSTRAINT "network_committee_term_meeting_id_network_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."network_meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_committee_term" ADD CONSTRAINT "network_committee_term_proposal_id_network_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."network_proposal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_join_request" ADD CONSTRAINT "network_join_request_iso3_country_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."country"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_join_request" ADD CONSTRAINT "network_join_request_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_minutes" ADD CONSTRAINT "network_minutes_meeting_id_network_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."network_meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_minutes" ADD CONSTRAINT "network_minutes_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_proposal" ADD CONSTRAINT "network_proposal_agenda_item_id_network_agenda_item_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."network_agenda_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_role" ADD CONSTRAINT "network_role_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_role" ADD CONSTRAINT "network_role_iso3_network_state_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."network_state"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_state" ADD CONSTRAINT "network_state_iso3_country_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."country"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_status_change" ADD CONSTRAINT "network_status_change_iso3_network_state_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."network_state"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_status_change" ADD CONSTRAINT "network_status_change_changed_by_app_user_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_vote" ADD CONSTRAINT "network_vote_proposal_id_network_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."network_proposal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_vote" ADD CONSTRAINT "network_vote_iso3_network_state_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."network_state"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_vote" ADD CONSTRAINT "network_vote_cast_by_user_app_user_id_fk" FOREIGN KEY ("cast_by_user") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "network_agenda_item_meeting" ON "network_agenda_item" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "network_committee_term_start" ON "network_committee_term" USING btree ("starts_on");--> statement-breakpoint
CREATE INDEX "network_join_request_state" ON "network_join_request" USING btree ("state");--> statement-breakpoint
CREATE INDEX "network_meeting_date" ON "network_meeting" USING btree ("meets_on");--> statement-breakpoint
CREATE INDEX "network_proposal_item" ON "network_proposal" USING btree ("agenda_item_id");--> statement-breakpoint
CREATE INDEX "network_role_state" ON "network_role" USING btree ("iso3");--> statement-breakpoint
CREATE UNIQUE INDEX "network_role_one_per_state" ON "network_role" USING btree ("iso3","role") WHERE "network_role"."role" in ('state_focal_point', 'state_deputy');--> statement-breakpoint
CREATE INDEX "network_status_change_state" ON "network_status_change" USING btree ("iso3","id");
--> statement-breakpoint
-- Public answers about the Network (its registry, Executive Committee, meetings with their agendas and
-- attendance, published decision records, published minutes) carry the `follow_up` validator of public_content_state: the tables
-- they read bump it. Join requests, the roles people hold and the votes as cast are read by no public answer
-- (a decision's votes are published in its record, on network_proposal).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['network_state', 'network_status_change', 'network_meeting', 'network_agenda_item', 'network_attendance',
    'network_proposal', 'network_committee_term', 'network_committee_rule', 'network_minutes'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED '
      || 'FOR EACH ROW EXECUTE FUNCTION public_content_version_bump(%L)', t || '_public_content_version', t, 'follow_up');
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER UPDATE ON %I DEFERRABLE INITIALLY DEFERRED '
      || 'FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION public_content_version_bump(%L)',
      t || '_public_content_version_update', t, 'follow_up');
  END LOOP;
END
$$;
