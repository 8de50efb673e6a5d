// Catalog search on PostgreSQL: 10,000 published bilingual tweeps, then a bounded mix of
// searches, filters and sorts through the real domain function. Prints progress, then one
// JSON line.
//   npm run bench:catalog           (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_TWEEPS=10000 BENCH_QUERIES=300 BENCH_SLOW_MS=100 npm run bench:catalog
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDatabase } from "../db/client.ts";
import { runMaintenanceStatement } from "../db/run-maintenance-statement.ts";
import { publishedTweepRow, userRow } from "../db/row-factory.ts";
import { tweeps, users } from "../db/schema.ts";
import { type CatalogQuery, searchCatalog } from "../server/domain/catalog/search-catalog.ts";
import { tweepCategoryIds } from "../server/domain/tweeps/categories.ts";
import type { AppContext } from "../server/context.ts";
import { createMemoryPresenceStore } from "../server/presence/presence-store.ts";

const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const tweepCount = Number(process.env.BENCH_TWEEPS ?? 10_000);
const queryCount = Number(process.env.BENCH_QUERIES ?? 300);
const providerCount = 500;
const BATCH = 500;
// Searches slower than this are printed to stderr with their query, to see what to tune.
const slowMs = Number(process.env.BENCH_SLOW_MS ?? Infinity);

// A fixed seed, so two runs search the same catalog.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const some = <T>(list: readonly T[], n: number) => Array.from({ length: n }, () => pick(list));

const ruWords = [
  "консультация", "юриста", "договор", "налоги", "бухгалтерия", "психолог", "отношения", "ремонт", "квартиры",
  "дизайн", "логотип", "сайт", "программирование", "английский", "язык", "репетитор", "карьера", "резюме",
  "собеседование", "фитнес", "питание", "здоровье", "маркетинг", "реклама", "продажи", "инвестиции", "стратегия",
  "перевод", "обучение", "проект", "анализ", "помощь", "быстро", "опыт", "шаблоны", "документы",
] as const;
const enWords = [
  "consultation", "lawyer", "contract", "taxes", "accounting", "psychologist", "relationships", "repair", "apartment",
  "design", "logo", "website", "programming", "english", "language", "tutor", "career", "resume", "interview",
  "fitness", "nutrition", "health", "marketing", "advertising", "sales", "investing", "strategy", "translation",
  "training", "project", "analysis", "help", "fast", "experience", "templates", "documents",
] as const;
const queries = [
  "консультации юриста", "договор", "налогов", "психологу", "ремонт квартиры", "резюме", "инвестиций",
  "consulting", "contracts", "tax", "psychology", "website design", "career interview", "\"english tutor\"",
  "marketing -sales", "fitness nutrition", "логотипы", "programming",
] as const;
const sorts = ["relevance", "rating", "price_asc", "price_desc", "newest"] as const;

const dbName = `tweeps_bench_${randomBytes(4).toString("hex")}`;
await runMaintenanceStatement(serverUrl, `CREATE DATABASE ${dbName}`);
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: "", poolSize: 4 });
const { db } = handle;
try {
  console.error(`seeding ${providerCount} providers and ${tweepCount} published tweeps in ${dbName}…`);
  const statuses = ["available", "busy", "not_set"] as const;
  const providerIds: string[] = [];
  for (let start = 0; start < providerCount; start += BATCH) {
    const rows = await db
      .insert(users)
      .values(
        Array.from({ length: Math.min(BATCH, providerCount - start) }, (_, i) =>
          userRow(`+7995${String(start + i).padStart(7, "0")}`, { name: `Provider ${start + i}`, providerStatus: pick(statuses) }),
        ),
      )
      .returning({ id: users.id });
    providerIds.push(...rows.map((row) => row.id));
  }
  const types = ["consultation", "work", "files"] as const;
  const languageSets = [["ru"], ["en"], ["ru", "en"]] as const;
  for (let start = 0; start < tweepCount; start += BATCH) {
    await db.insert(tweeps).values(
      Array.from({ length: Math.min(BATCH, tweepCount - start) }, (_, i) => {
        const type = pick(types);
        const languages = [...pick(languageSets)];
        const text = (words: readonly string[], n: number) => some(words, n).join(" ");
        const price = BigInt(10_000 + Math.floor(random() * 990_000));
        return publishedTweepRow(pick(providerIds), {
          type,
          languages,
          title: {
            ...(languages.includes("ru") ? { ru: text(ruWords, 4) } : {}),
            ...(languages.includes("en") ? { en: text(enWords, 4) } : {}),
          },
          description: {
            ...(languages.includes("ru") ? { ru: text(ruWords, 30) } : {}),
            ...(languages.includes("en") ? { en: text(enWords, 30) } : {}),
          },
          category: pick(tweepCategoryIds),
          ...(type === "consultation"
            ? { videoPriceMinor: price, textPriceMinor: random() < 0.5 ? price / 2n : null }
            : { priceMinor: price }),
          publishedAt: new Date(Date.UTC(2026, 0, 1) + (start + i) * 60_000),
        });
      }),
    );
    console.error(`  ${Math.min(start + BATCH, tweepCount)} tweeps`);
  }
  await db.execute(sql`ANALYZE`);

  // Half the providers are on the site, as heartbeats would have recorded them.
  const presence = createMemoryPresenceStore();
  const onlineUntil = new Date(Date.now() + 3_600_000);
  for (const id of providerIds) if (random() < 0.5) await presence.touch(id, onlineUntil);
  const ctx = { db, presence, now: () => new Date() } as unknown as AppContext;
  const latencies: number[] = [];
  let results = 0;
  for (let n = 0; n < queryCount; n++) {
    const query: CatalogQuery = {};
    if (random() < 0.7) query.q = pick(queries);
    if (random() < 0.3) query.type = pick(types);
    if (random() < 0.2) query.category = pick(tweepCategoryIds);
    if (random() < 0.2) query.lang = pick(["ru", "en"] as const);
    if (random() < 0.2) query.minPrice = 50_000;
    if (random() < 0.2) query.maxPrice = 500_000;
    if (random() < 0.2) query.availableNow = true;
    if (random() < 0.6) query.sort = pick(sorts);
    query.page = random() < 0.8 ? 1 : 1 + Math.floor(random() * 5);
    query.pageSize = 20;
    const started = performance.now();
    const result = await searchCatalog(ctx, query);
    const elapsed = performance.now() - started;
    latencies.push(elapsed);
    if (elapsed > slowMs) console.error(`  slow (${Math.round(elapsed)} ms, ${result.total} found): ${JSON.stringify(query)}`);
    results += result.total;
    if ((n + 1) % 50 === 0) console.error(`  ${n + 1}/${queryCount} searches`);
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0) * 10) / 10;
  console.log(
    JSON.stringify({
      bench: "catalog-search",
      tweeps: tweepCount,
      queries: queryCount,
      p50Ms: pct(0.5),
      p95Ms: pct(0.95),
      p99Ms: pct(0.99),
      meanTotal: Math.round(results / queryCount),
    }),
  );
} finally {
  await handle.close();
  await runMaintenanceStatement(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
