CREATE TABLE "shared_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_low_id" uuid NOT NULL,
	"user_high_id" uuid NOT NULL,
	"uploader_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "shared_documents_ordered_pair" CHECK ("shared_documents"."user_low_id" < "shared_documents"."user_high_id"),
	CONSTRAINT "shared_documents_uploader_in_pair" CHECK ("shared_documents"."uploader_id" IN ("shared_documents"."user_low_id", "shared_documents"."user_high_id"))
);
--> statement-breakpoint
ALTER TABLE "reviews" DROP CONSTRAINT "reviews_order_id_unique";--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "session_id" uuid;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "author_role" text DEFAULT 'customer' NOT NULL;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "reveal_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shared_documents" ADD CONSTRAINT "shared_documents_user_low_id_users_id_fk" FOREIGN KEY ("user_low_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_documents" ADD CONSTRAINT "shared_documents_user_high_id_users_id_fk" FOREIGN KEY ("user_high_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_documents" ADD CONSTRAINT "shared_documents_uploader_id_users_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shared_documents_pair_idx" ON "shared_documents" USING btree ("user_low_id","user_high_id","created_at");--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_session_id_consultation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."consultation_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_order_uq" ON "reviews" USING btree ("order_id") WHERE "reviews"."session_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_session_author_uq" ON "reviews" USING btree ("session_id","author_role") WHERE "reviews"."session_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_order_by_customer" CHECK ("reviews"."session_id" IS NOT NULL OR "reviews"."author_role" = 'customer');