CREATE TABLE "package_purchases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"package_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"minutes" integer NOT NULL,
	"minutes_left" integer NOT NULL,
	"price_minor" bigint NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"auto_renew" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"renewal_of_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "package_purchases_minutes_left" CHECK ("package_purchases"."minutes_left" >= 0 AND "package_purchases"."minutes_left" <= "package_purchases"."minutes")
);
--> statement-breakpoint
CREATE TABLE "recording_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recording_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"role" text NOT NULL,
	"kind" text NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"duration_ms" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recording_files_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "session_recordings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"asked_by" uuid NOT NULL,
	"status" text DEFAULT 'asked' NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"stopped_by" uuid
);
--> statement-breakpoint
CREATE TABLE "tweep_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tweep_id" uuid NOT NULL,
	"minutes" integer NOT NULL,
	"price_minor" bigint NOT NULL,
	"validity_days" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"rejection_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tweep_packages_positive" CHECK ("tweep_packages"."minutes" > 0 AND "tweep_packages"."price_minor" > 0 AND "tweep_packages"."validity_days" > 0)
);
--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ledger_accounts_no_negative_user";--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD COLUMN "package_purchase_id" uuid;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD COLUMN "minutes_drawn" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD COLUMN "blocks_from_clock_ms" bigint;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD COLUMN "package_minutes_left" integer;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD COLUMN "package_purchase_id" uuid;--> statement-breakpoint
ALTER TABLE "package_purchases" ADD CONSTRAINT "package_purchases_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_purchases" ADD CONSTRAINT "package_purchases_package_id_tweep_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."tweep_packages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_purchases" ADD CONSTRAINT "package_purchases_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_purchases" ADD CONSTRAINT "package_purchases_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_purchases" ADD CONSTRAINT "package_purchases_renewal_of_id_package_purchases_id_fk" FOREIGN KEY ("renewal_of_id") REFERENCES "public"."package_purchases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recording_files" ADD CONSTRAINT "recording_files_recording_id_session_recordings_id_fk" FOREIGN KEY ("recording_id") REFERENCES "public"."session_recordings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recording_files" ADD CONSTRAINT "recording_files_session_id_consultation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."consultation_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recording_files" ADD CONSTRAINT "recording_files_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_recordings" ADD CONSTRAINT "session_recordings_session_id_consultation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."consultation_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_recordings" ADD CONSTRAINT "session_recordings_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_recordings" ADD CONSTRAINT "session_recordings_stopped_by_users_id_fk" FOREIGN KEY ("stopped_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tweep_packages" ADD CONSTRAINT "tweep_packages_tweep_id_tweeps_id_fk" FOREIGN KEY ("tweep_id") REFERENCES "public"."tweeps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tweep_packages" ADD CONSTRAINT "tweep_packages_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "package_purchases_one_active_uq" ON "package_purchases" USING btree ("order_id") WHERE "package_purchases"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "package_purchases_renewal_uq" ON "package_purchases" USING btree ("renewal_of_id");--> statement-breakpoint
CREATE INDEX "package_purchases_expiry_idx" ON "package_purchases" USING btree ("valid_until") WHERE "package_purchases"."status" = 'active';--> statement-breakpoint
CREATE INDEX "recording_files_session_idx" ON "recording_files" USING btree ("session_id","started_at");--> statement-breakpoint
CREATE INDEX "recording_files_expiry_idx" ON "recording_files" USING btree ("expires_at") WHERE "recording_files"."deleted_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "session_recordings_one_open_uq" ON "session_recordings" USING btree ("session_id") WHERE "session_recordings"."status" in ('asked', 'recording');--> statement-breakpoint
CREATE INDEX "tweep_packages_tweep_idx" ON "tweep_packages" USING btree ("tweep_id");--> statement-breakpoint
CREATE INDEX "tweep_packages_pending_idx" ON "tweep_packages" USING btree ("created_at") WHERE "tweep_packages"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD CONSTRAINT "consultation_sessions_package_purchase_id_package_purchases_id_fk" FOREIGN KEY ("package_purchase_id") REFERENCES "public"."package_purchases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_package_purchase_id_package_purchases_id_fk" FOREIGN KEY ("package_purchase_id") REFERENCES "public"."package_purchases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_package_purchase_uq" ON "ledger_accounts" USING btree ("package_purchase_id");--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_no_negative_user" CHECK ("ledger_accounts"."kind" NOT IN ('user', 'order_hold', 'earnings_pending', 'package_hold') OR "ledger_accounts"."balance_minor" >= 0);