DROP INDEX "ledger_accounts_system_uq";--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_system_shard_uq" ON "ledger_accounts" USING btree ("system_code","shard");--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_shard_of_system" CHECK ("ledger_accounts"."shard" = 0 OR ("ledger_accounts"."shard" > 0 AND "ledger_accounts"."system_code" IS NOT NULL));