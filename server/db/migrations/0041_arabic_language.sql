ALTER TABLE "network_resource" DROP CONSTRAINT "network_resource_language";--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "network_resource" ADD CONSTRAINT "network_resource_language" CHECK ("network_resource"."language" in ('es', 'en', 'fr', 'pt', 'ar'));