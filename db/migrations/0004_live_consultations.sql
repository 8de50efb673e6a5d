CREATE TABLE "consultation_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"medium" text NOT NULL,
	"status" text DEFAULT 'ringing' NOT NULL,
	"block_price_minor" bigint NOT NULL,
	"ring_expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"first_session" boolean DEFAULT false NOT NULL,
	"uses_prepaid_block" boolean DEFAULT false NOT NULL,
	"clock_started_at" timestamp with time zone,
	"next_charge_at" timestamp with time zone,
	"blocks_charged" integer DEFAULT 0 NOT NULL,
	"warned_for_block" integer,
	"customer_seen_at" timestamp with time zone,
	"provider_seen_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"void" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_sessions_blocks_nonnegative" CHECK ("consultation_sessions"."blocks_charged" >= 0)
);
--> statement-breakpoint
ALTER TABLE "order_messages" ADD COLUMN "session_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "availability_hours" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "availability_time_zone" text;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD CONSTRAINT "consultation_sessions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD CONSTRAINT "consultation_sessions_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD CONSTRAINT "consultation_sessions_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_sessions_one_per_order_uq" ON "consultation_sessions" USING btree ("order_id") WHERE "consultation_sessions"."status" in ('ringing', 'live');--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_sessions_one_live_per_provider_uq" ON "consultation_sessions" USING btree ("provider_id") WHERE "consultation_sessions"."status" = 'live';--> statement-breakpoint
CREATE INDEX "consultation_sessions_order_idx" ON "consultation_sessions" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "consultation_sessions_due_idx" ON "consultation_sessions" USING btree ("next_charge_at") WHERE "consultation_sessions"."status" = 'live';--> statement-breakpoint
CREATE INDEX "consultation_sessions_ringing_idx" ON "consultation_sessions" USING btree ("ring_expires_at") WHERE "consultation_sessions"."status" = 'ringing';--> statement-breakpoint
ALTER TABLE "order_messages" ADD CONSTRAINT "order_messages_session_id_consultation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."consultation_sessions"("id") ON DELETE no action ON UPDATE no action;