CREATE TABLE "queue_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"medium" text NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"turn_expires_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD COLUMN "retry_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD COLUMN "retry_state" text;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD COLUMN "retry_of_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "paused_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "video_calls_on" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "text_chats_on" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "queue_offline_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "queue_entries_one_place_uq" ON "queue_entries" USING btree ("provider_id","customer_id") WHERE "queue_entries"."status" in ('waiting', 'turn');--> statement-breakpoint
CREATE UNIQUE INDEX "queue_entries_one_turn_uq" ON "queue_entries" USING btree ("provider_id") WHERE "queue_entries"."status" = 'turn';--> statement-breakpoint
CREATE INDEX "queue_entries_line_idx" ON "queue_entries" USING btree ("provider_id","joined_at") WHERE "queue_entries"."status" in ('waiting', 'turn');--> statement-breakpoint
CREATE INDEX "queue_entries_customer_idx" ON "queue_entries" USING btree ("customer_id","joined_at");--> statement-breakpoint
CREATE INDEX "queue_entries_provider_day_idx" ON "queue_entries" USING btree ("provider_id","created_at");--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD CONSTRAINT "consultation_sessions_retry_of_id_consultation_sessions_id_fk" FOREIGN KEY ("retry_of_id") REFERENCES "public"."consultation_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_sessions_retry_idx" ON "consultation_sessions" USING btree ("retry_at") WHERE "consultation_sessions"."retry_state" = 'pending';--> statement-breakpoint
CREATE INDEX "consultation_sessions_provider_idx" ON "consultation_sessions" USING btree ("provider_id","created_at");