CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tweep_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"medium" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"blocks" integer NOT NULL,
	"block_price_minor" bigint NOT NULL,
	"price_minor" bigint NOT NULL,
	"paid_minor" bigint DEFAULT 0 NOT NULL,
	"refunded_minor" bigint DEFAULT 0 NOT NULL,
	"title" jsonb NOT NULL,
	"decide_by" timestamp with time zone NOT NULL,
	"rejection_reason" text,
	"rejected_automatically" boolean DEFAULT false NOT NULL,
	"cancelled_by" text,
	"no_show_party" text,
	"order_id" uuid,
	"provider_seen_at" timestamp with time zone,
	"reminded_day_before" boolean DEFAULT false NOT NULL,
	"reminded_soon" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "appointments_blocks_range" CHECK ("appointments"."blocks" BETWEEN 1 AND 8),
	CONSTRAINT "appointments_price" CHECK ("appointments"."price_minor" = "appointments"."blocks" * "appointments"."block_price_minor" AND "appointments"."block_price_minor" > 0),
	CONSTRAINT "appointments_money" CHECK ("appointments"."paid_minor" >= 0 AND "appointments"."refunded_minor" >= 0 AND "appointments"."paid_minor" + "appointments"."refunded_minor" <= "appointments"."price_minor"),
	CONSTRAINT "appointments_times" CHECK ("appointments"."ends_at" > "appointments"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "provider_terms" (
	"provider_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_terms_version_positive" CHECK ("provider_terms"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "terms_consents" (
	"provider_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"consented_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ledger_accounts_no_negative_user";--> statement-breakpoint
ALTER TABLE "pending_earnings" ALTER COLUMN "order_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD COLUMN "appointment_id" uuid;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD COLUMN "appointment_blocks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD COLUMN "appointment_id" uuid;--> statement-breakpoint
ALTER TABLE "pending_earnings" ADD COLUMN "appointment_id" uuid;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_tweep_id_tweeps_id_fk" FOREIGN KEY ("tweep_id") REFERENCES "public"."tweeps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_terms" ADD CONSTRAINT "provider_terms_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_consents" ADD CONSTRAINT "terms_consents_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_consents" ADD CONSTRAINT "terms_consents_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointments_provider_time_idx" ON "appointments" USING btree ("provider_id","starts_at") WHERE "appointments"."status" in ('pending', 'accepted');--> statement-breakpoint
CREATE INDEX "appointments_customer_idx" ON "appointments" USING btree ("customer_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_provider_idx" ON "appointments" USING btree ("provider_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_decide_idx" ON "appointments" USING btree ("decide_by") WHERE "appointments"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "provider_terms_version_uq" ON "provider_terms" USING btree ("provider_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "terms_consents_uq" ON "terms_consents" USING btree ("provider_id","customer_id","version");--> statement-breakpoint
CREATE INDEX "terms_consents_customer_idx" ON "terms_consents" USING btree ("customer_id");--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD CONSTRAINT "consultation_sessions_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_earnings" ADD CONSTRAINT "pending_earnings_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_appointment_uq" ON "ledger_accounts" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "pending_earnings_appointment_idx" ON "pending_earnings" USING btree ("appointment_id");--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_no_negative_user" CHECK ("ledger_accounts"."kind" NOT IN ('user', 'order_hold', 'earnings_pending', 'package_hold', 'appointment_hold') OR "ledger_accounts"."balance_minor" >= 0);--> statement-breakpoint
ALTER TABLE "pending_earnings" ADD CONSTRAINT "pending_earnings_source" CHECK ("pending_earnings"."order_id" IS NOT NULL OR "pending_earnings"."appointment_id" IS NOT NULL);