import { randomUUID } from "node:crypto";
import type { MediaLogger } from "../media-server.ts";
import type { MediaClusterKeys } from "./media-cluster-keys.ts";
import type { RedisClient } from "./media-node-directory.ts";
import type { StreamedMediaEvent } from "./media-node-wire.ts";

const GROUP = "app";
// Every reader uses one consumer name: whoever holds the lease next re-reads what the previous
// holder took but had not acknowledged (it died mid-batch), before anything new.
const CONSUMER = "reader";
const LEASE_MS = 5_000;
const RENEW_MS = 1_500;
const BLOCK_MS = 1_000;
const BATCH = 200;

const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/**
 * Reads the SFU nodes' event stream in one app process at a time (a Redis lease, taken over
 * LEASE_MS after its holder dies) and hands each event to `handle`, a room's events one after
 * another in stream order; a batch is acknowledged once handled. One reader keeps a room's
 * events in order across the deployment; a consumer group keeps the place in the stream.
 */
export function readMediaEvents(input: {
  redis: RedisClient;
  keys: MediaClusterKeys;
  handle: (event: StreamedMediaEvent) => Promise<void>;
  logger: MediaLogger;
}) {
  const { keys, logger } = input;
  const me = randomUUID();
  // XREADGROUP BLOCK holds its connection: the reader gets one of its own.
  const reader = input.redis.duplicate();
  reader.on("error", (error: unknown) => logger.error({ err: error }, "media event reader: redis error"));
  let stopped = false;
  let holding = false;

  const loop = (async () => {
    await reader.connect();
    await reader.xGroupCreate(keys.events, GROUP, "0", { MKSTREAM: true }).catch((error: unknown) => {
      if (!String(error).includes("BUSYGROUP")) throw error;
    });
    let pendingFirst = true;
    while (!stopped) {
      try {
        if (!(await holdLease())) {
          pendingFirst = true;
          await sleep(BLOCK_MS);
          continue;
        }
        const answer = await reader.xReadGroup(GROUP, CONSUMER, { key: keys.events, id: pendingFirst ? "0" : ">" }, { COUNT: BATCH, ...(pendingFirst ? {} : { BLOCK: BLOCK_MS }) });
        const messages = (answer as { messages: { id: string; message: Record<string, string> }[] }[] | null)?.[0]?.messages ?? [];
        if (pendingFirst && messages.length === 0) pendingFirst = false;
        if (messages.length === 0) continue;
        await handleBatch(messages);
        await reader.xAck(keys.events, GROUP, messages.map((message) => message.id));
      } catch (error) {
        if (stopped) break;
        logger.error({ err: error }, "reading media events failed");
        await sleep(BLOCK_MS);
      }
    }
  })();

  // Redis unreachable at start: said once in the log, not an unhandled rejection that ends the process.
  loop.catch((error: unknown) => logger.error({ err: error }, "the media event reader stopped"));

  async function holdLease(): Promise<boolean> {
    if (holding) {
      holding = Number(await input.redis.eval(RENEW_SCRIPT, { keys: [keys.eventReader], arguments: [me, String(LEASE_MS)] })) === 1;
      if (holding) return true;
    }
    holding = (await input.redis.set(keys.eventReader, me, { NX: true, PX: LEASE_MS })) === "OK";
    return holding;
  }

  // Renewed apart from reading too, so a long batch does not let the lease lapse.
  const renewal = setInterval(() => {
    if (holding) void holdLease().catch(() => undefined);
  }, RENEW_MS);
  renewal.unref();

  async function handleBatch(messages: { id: string; message: Record<string, string> }[]) {
    const byRoom = new Map<string, StreamedMediaEvent[]>();
    for (const { message } of messages) {
      let event: StreamedMediaEvent;
      try {
        event = JSON.parse(message.e ?? "") as StreamedMediaEvent;
      } catch {
        continue;
      }
      const list = byRoom.get(event.roomId) ?? [];
      list.push(event);
      byRoom.set(event.roomId, list);
    }
    await Promise.all(
      [...byRoom.values()].map(async (events) => {
        for (const event of events) {
          await input.handle(event).catch((error: unknown) => logger.error({ err: error, event: event.type }, "handling a media event failed"));
        }
      }),
    );
  }

  return {
    async stop() {
      stopped = true;
      clearInterval(renewal);
      await loop.catch(() => undefined);
      if (holding) await input.redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, { keys: [keys.eventReader], arguments: [me] }).catch(() => undefined);
      await reader.quit().catch(() => undefined);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
