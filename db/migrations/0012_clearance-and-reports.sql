CREATE TABLE "pending_earnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"session_id" uuid,
	"block_index" integer,
	"source_key" text NOT NULL,
	"gross_minor" bigint NOT NULL,
	"commission_minor" bigint NOT NULL,
	"net_minor" bigint NOT NULL,
	"clears_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"settled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pending_earnings_net_positive" CHECK ("pending_earnings"."net_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "session_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"text" text,
	"status" text DEFAULT 'open' NOT NULL,
	"decision_reason" text,
	"decided_by" uuid,
	"refunded_minor" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ledger_accounts_no_negative_user";--> statement-breakpoint
DROP INDEX "ledger_accounts_user_uq";--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "pending_refunded_minor" bigint;--> statement-breakpoint
ALTER TABLE "pending_earnings" ADD CONSTRAINT "pending_earnings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_earnings" ADD CONSTRAINT "pending_earnings_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_earnings" ADD CONSTRAINT "pending_earnings_session_id_consultation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."consultation_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_reports" ADD CONSTRAINT "session_reports_session_id_consultation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."consultation_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_reports" ADD CONSTRAINT "session_reports_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_reports" ADD CONSTRAINT "session_reports_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_reports" ADD CONSTRAINT "session_reports_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_reports" ADD CONSTRAINT "session_reports_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pending_earnings_source_uq" ON "pending_earnings" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "pending_earnings_due_idx" ON "pending_earnings" USING btree ("clears_at") WHERE "pending_earnings"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "pending_earnings_user_idx" ON "pending_earnings" USING btree ("user_id","status","clears_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pending_earnings_block_uq" ON "pending_earnings" USING btree ("session_id","block_index") WHERE "pending_earnings"."status" = 'pending' AND "pending_earnings"."block_index" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "pending_earnings_session_idx" ON "pending_earnings" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "pending_earnings_order_idx" ON "pending_earnings" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "session_reports_session_uq" ON "session_reports" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "session_reports_status_idx" ON "session_reports" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_user_uq" ON "ledger_accounts" USING btree ("user_id","kind");--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_no_negative_user" CHECK ("ledger_accounts"."kind" NOT IN ('user', 'order_hold', 'earnings_pending') OR "ledger_accounts"."balance_minor" >= 0);