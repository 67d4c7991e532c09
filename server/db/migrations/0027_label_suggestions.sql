CREATE TABLE "label_suggestion" (
	"recommendation_id" bigint NOT NULL,
	"field" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"confidence" real NOT NULL,
	"band" text NOT NULL,
	"model_id" bigint NOT NULL,
	CONSTRAINT "label_suggestion_recommendation_id_field_key_pk" PRIMARY KEY("recommendation_id","field","key"),
	CONSTRAINT "label_suggestion_band" CHECK ("label_suggestion"."band" in ('high', 'medium', 'low'))
);
--> statement-breakpoint
CREATE TABLE "label_suggestion_decision" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"recommendation_id" bigint NOT NULL,
	"field" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"decision" text NOT NULL,
	"model_version" bigint NOT NULL,
	"confidence" real,
	"band" text,
	"decided_by" bigint NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "label_suggestion_decision_one" UNIQUE("recommendation_id","field","key"),
	CONSTRAINT "label_suggestion_decision_kind" CHECK ("label_suggestion_decision"."decision" in ('accepted', 'rejected')),
	CONSTRAINT "label_suggestion_decision_field" CHECK ("label_suggestion_decision"."field" in ('theme', 'affected', 'sdg_goal', 'sdg_target', 'upr_info_issue', 'institution'))
);
--> statement-breakpoint
CREATE TABLE "suggestion_model" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL,
	"trained_by" text NOT NULL,
	"training_size" integer NOT NULL,
	"byte_size" bigint NOT NULL,
	"millis" integer NOT NULL,
	"confirmed_labels" integer NOT NULL,
	"quality" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suggestion_model_field" (
	"model_id" bigint NOT NULL,
	"field" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "suggestion_model_field_model_id_field_pk" PRIMARY KEY("model_id","field")
);
--> statement-breakpoint
CREATE TABLE "suggestion_scan" (
	"recommendation_id" bigint PRIMARY KEY NOT NULL,
	"model_id" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "label_suggestion" ADD CONSTRAINT "label_suggestion_recommendation_id_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_suggestion" ADD CONSTRAINT "label_suggestion_model_id_suggestion_model_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."suggestion_model"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_suggestion_decision" ADD CONSTRAINT "label_suggestion_decision_recommendation_id_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_suggestion_decision" ADD CONSTRAINT "label_suggestion_decision_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_model_field" ADD CONSTRAINT "suggestion_model_field_model_id_suggestion_model_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."suggestion_model"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_scan" ADD CONSTRAINT "suggestion_scan_recommendation_id_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_scan" ADD CONSTRAINT "suggestion_scan_model_id_suggestion_model_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."suggestion_model"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "label_suggestion_band" ON "label_suggestion" USING btree ("band","field");--> statement-breakpoint
CREATE INDEX "suggestion_scan_model" ON "suggestion_scan" USING btree ("model_id");