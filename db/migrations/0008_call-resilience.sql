ALTER TABLE "consultation_sessions" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD COLUMN "paused_total_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD COLUMN "media_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD COLUMN "customer_lost_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD COLUMN "provider_lost_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD COLUMN "blocks_refunded" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_sessions" ADD COLUMN "blocks_credited" integer DEFAULT 0 NOT NULL;