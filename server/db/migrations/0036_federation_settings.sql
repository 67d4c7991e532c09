ALTER TABLE "instance_settings" ADD COLUMN "network_publish" boolean;--> statement-breakpoint
ALTER TABLE "instance_settings" ADD COLUMN "network_hub_url" text;--> statement-breakpoint
CREATE INDEX "network_harvest_applied" ON "network_harvest" USING btree ("iso3","version") WHERE "network_harvest"."outcome" = 'applied';--> statement-breakpoint
-- The publication sequence's one row (with the instance's id in the Network), so that the public answers only read it.
INSERT INTO "federation_state" ("singleton") VALUES (true) ON CONFLICT DO NOTHING;
