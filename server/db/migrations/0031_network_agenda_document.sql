CREATE TABLE "network_agenda_document" (
	"id" serial PRIMARY KEY NOT NULL,
	"agenda_item_id" integer NOT NULL,
	"stored_name" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_agenda_document_stored_name_unique" UNIQUE("stored_name")
);
--> statement-breakpoint
ALTER TABLE "network_agenda_document" ADD CONSTRAINT "network_agenda_document_agenda_item_id_network_agenda_item_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."network_agenda_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_agenda_document" ADD CONSTRAINT "network_agenda_document_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "network_agenda_document_item" ON "network_agenda_document" USING btree ("agenda_item_id");--> statement-breakpoint
-- Hand-written: an agenda item's documents are listed in the public meeting's answer, which carries the
-- `follow_up` validator of public_content_state: the table bumps it, as the other tables of the Network do.
CREATE CONSTRAINT TRIGGER "network_agenda_document_public_content_version" AFTER INSERT OR DELETE ON "network_agenda_document"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_content_version_bump('follow_up');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "network_agenda_document_public_content_version_update" AFTER UPDATE ON "network_agenda_document"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION public_content_version_bump('follow_up');
