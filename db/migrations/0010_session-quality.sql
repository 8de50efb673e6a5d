CREATE TABLE "session_block_quality" (
	"session_id" uuid NOT NULL,
	"block_index" integer NOT NULL,
	"impaired_ms" bigint DEFAULT 0 NOT NULL,
	"credited_at" timestamp with time zone,
	CONSTRAINT "session_block_quality_session_id_block_index_pk" PRIMARY KEY("session_id","block_index"),
	CONSTRAINT "session_block_quality_nonnegative" CHECK ("session_block_quality"."block_index" >= 0 AND "session_block_quality"."impaired_ms" >= 0)
);
--> statement-breakpoint
ALTER TABLE "session_block_quality" ADD CONSTRAINT "session_block_quality_session_id_consultation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."consultation_sessions"("id") ON DELETE no action ON UPDATE no action;