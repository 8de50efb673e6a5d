import { type ChildProcess, fork } from "node:child_process";
import os from "node:os";
import { type MediaRole, verifyJoinToken } from "./join-token.ts";
import { MediaError } from "./media-error.ts";
import { MEDIA_PROCESS_NODE_FLAGS } from "./media-process-flags.ts";
import type { MediaLogger, MediaServer, MediaServerEvent, MediaServerOptions } from "./media-server.ts";
import type { MediaWorkerSettings, WorkerMessage, WorkerRequest, WorkerStats } from "./media-worker-protocol.ts";

export type MediaWorkerPoolOptions = MediaServerOptions & {
  /** Worker processes; by default one per CPU core. */
  workers?: number;
};

type Worker = {
  readonly slot: number;
  readonly child: ChildProcess;
  alive: boolean;
  readonly ready: Promise<void>;
  stats: WorkerStats;
  readonly pending: Map<number, { resolve: (message: Extract<WorkerMessage, { type: "reply" }>) => void; reject: (error: Error) => void }>;
  readonly roomIds: Set<string>;
};

type Assignment = {
  readonly worker: Worker;
  readonly roles: Set<MediaRole>;
  emptySince: number | undefined;
  /** While the provider's media flows: when the worker last reported it reaching the customer. */
  mediaSeenAtMs: number | undefined;
};

/** As long as createMediaServer remembers a closed or empty room, and longer than any join token lives. */
const ROOM_MEMORY_MS = 15 * 60_000;
// ICE gathering with a slow TURN server is the longest step of a join.
const REQUEST_TIMEOUT_MS = 60_000;
const EXIT_TIMEOUT_MS = 5_000;
// A worker that dies at start-up (bad deployment) would otherwise be restarted in a tight loop.
const RESTART_DELAY_MS = 1_000;

const silentLogger: MediaLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The SFU spread over worker processes, one per core by default, behind createMediaServer's
 * interface. A room lives in one worker (both its peers must, to forward between them); new rooms
 * go to the live worker with the fewest. A worker's exit is noticed at once through its process:
 * each party it held is reported as `party-disconnected` ("failed"), so those sessions end instead of
 * billing dead air, and a replacement is started. Joins are checked here first, so a bad token or
 * a closed room never reaches a worker.
 */
export function createMediaWorkerPool(options: MediaWorkerPoolOptions): MediaServer {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const settings: MediaWorkerSettings = {
    secretKey: options.secretKey,
    iceServers: options.iceServers,
    ice: options.ice,
    silenceTimeoutMs: options.silenceTimeoutMs,
    connectTimeoutMs: options.connectTimeoutMs,
    stallMs: options.stallMs,
  };
  const workerCount = Math.max(1, Math.floor(options.workers ?? os.availableParallelism()));
  const assignments = new Map<string, Assignment>();
  const closedRooms = new Map<string, number>();
  // What workers that have exited had forwarded, so the totals never go back.
  const retired = { forwardedPackets: 0, ownPathPackets: 0 };
  let nextRequestId = 0;
  let poolClosed = false;

  const emit = (event: MediaServerEvent) => {
    try {
      options.onEvent(event);
    } catch (error) {
      logger.error({ err: error, event }, "a media event handler threw");
    }
  };

  const workers: Worker[] = Array.from({ length: workerCount }, (_, slot) => startWorker(slot));

  function startWorker(slot: number): Worker {
    const child = fork(new URL("./media-worker.ts", import.meta.url), [], {
      env: { ...process.env, MEDIA_WORKER_SETTINGS: JSON.stringify(settings) },
      // The parent's flags (a test runner's loaders, an inspector port) are not the worker's; its own
      // are those of a process that forwards media.
      execArgv: [...MEDIA_PROCESS_NODE_FLAGS],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let markReady: () => void = () => undefined;
    const worker: Worker = {
      slot,
      child,
      alive: true,
      ready: new Promise((resolve) => (markReady = resolve)),
      stats: { rooms: 0, peers: 0, forwardedPackets: 0, ownPathPackets: 0 },
      pending: new Map(),
      roomIds: new Set(),
    };
    child.on("message", (message: WorkerMessage) => {
      if (message.type === "log") {
        logger[message.level]({ ...message.fields, worker: slot }, message.message);
        return;
      }
      worker.stats = message.stats;
      if (message.type === "ready") markReady();
      else if (message.type === "reply") worker.pending.get(message.id)?.resolve(message);
      else if (message.type === "event") {
        const { atMs, ...event } = message.event;
        const assignment = assignments.get(event.roomId);
        if (assignment?.worker === worker) {
          if (event.type === "party-disconnected") removeRole(assignment, event.role);
          else if (event.type === "provider-media-forwarded" || event.type === "provider-media-seen") assignment.mediaSeenAtMs = atMs;
          else if (event.type === "provider-media-stalled") assignment.mediaSeenAtMs = undefined;
        }
        emit({ ...event, at: new Date(atMs) } as MediaServerEvent);
      }
    });
    child.on("error", (error) => logger.error({ err: error, worker: slot }, "media worker process error"));
    child.once("exit", (code, signal) => handleExit(worker, code, signal));
    return worker;
  }

  function handleExit(worker: Worker, code: number | null, signal: NodeJS.Signals | null) {
    if (!worker.alive) return;
    worker.alive = false;
    retired.forwardedPackets += worker.stats.forwardedPackets;
    retired.ownPathPackets += worker.stats.ownPathPackets;
    for (const { reject } of worker.pending.values()) reject(new Error("the media worker exited"));
    worker.pending.clear();
    if (poolClosed) return;
    logger.error({ worker: worker.slot, code, signal, rooms: worker.roomIds.size }, "media worker exited");
    const at = now();
    for (const roomId of worker.roomIds) {
      const assignment = assignments.get(roomId);
      if (assignment?.worker !== worker) continue;
      assignments.delete(roomId);
      // The media stopped when the worker last reported it flowing, not when its death was noticed.
      if (assignment.mediaSeenAtMs !== undefined) emit({ type: "provider-media-stalled", roomId, at: new Date(assignment.mediaSeenAtMs) });
      for (const role of assignment.roles) emit({ type: "party-disconnected", roomId, role, reason: "failed", at });
    }
    worker.roomIds.clear();
    setTimeout(() => {
      if (!poolClosed) workers[worker.slot] = startWorker(worker.slot);
    }, RESTART_DELAY_MS).unref();
  }

  function send(worker: Worker, body: DistributiveOmit<WorkerRequest, "id" | "nowMs">): Promise<Extract<WorkerMessage, { type: "reply" }>> {
    if (!worker.alive) return Promise.reject(new Error("the media worker exited"));
    const id = nextRequestId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.pending.delete(id);
        reject(new Error(`the media worker did not answer ${body.type} in time`));
      }, REQUEST_TIMEOUT_MS);
      const settle = () => {
        clearTimeout(timer);
        worker.pending.delete(id);
      };
      worker.pending.set(id, {
        resolve: (message) => {
          settle();
          if (message.error) reject(message.error.code ? new MediaError(message.error.code, message.error.message) : new Error(message.error.message));
          else resolve(message);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      worker.child.send({ ...body, id, nowMs: now().getTime() } as WorkerRequest);
    });
  }

  function removeRole(assignment: Assignment, role: MediaRole) {
    assignment.roles.delete(role);
    if (assignment.roles.size === 0) assignment.emptySince = performance.now();
  }

  function forgetOldRooms() {
    const cutoff = performance.now() - ROOM_MEMORY_MS;
    for (const [roomId, closedAt] of closedRooms) if (closedAt < cutoff) closedRooms.delete(roomId);
    for (const [roomId, assignment] of assignments) {
      if (assignment.emptySince !== undefined && assignment.emptySince < cutoff) {
        assignments.delete(roomId);
        assignment.worker.roomIds.delete(roomId);
      }
    }
  }

  function assignRoom(roomId: string): Assignment {
    const existing = assignments.get(roomId);
    if (existing?.worker.alive) return existing;
    const live = workers.filter((worker) => worker.alive);
    if (live.length === 0) throw new Error("no media worker is running");
    const worker = live.reduce((least, candidate) => (candidate.roomIds.size < least.roomIds.size ? candidate : least));
    const assignment: Assignment = { worker, roles: new Set(), emptySince: performance.now(), mediaSeenAtMs: undefined };
    assignments.set(roomId, assignment);
    worker.roomIds.add(roomId);
    return assignment;
  }

  return {
    async join({ token, offerSdp }) {
      const grant = verifyJoinToken({ secretKey: options.secretKey, token, now: now() });
      forgetOldRooms();
      if (poolClosed || closedRooms.has(grant.roomId)) throw new MediaError("room_closed", "This media room is closed.");
      const assignment = assignRoom(grant.roomId);
      await assignment.worker.ready;
      const reply = await send(assignment.worker, { type: "join", token, offerSdp });
      if (!reply.answerSdp) throw new Error("the media worker answered a join without an answer");
      assignment.roles.add(grant.role);
      assignment.emptySince = undefined;
      return { answerSdp: reply.answerSdp };
    },

    async leave(roomId, role) {
      const assignment = assignments.get(roomId);
      if (!assignment?.worker.alive) return;
      removeRole(assignment, role);
      await send(assignment.worker, { type: "leave", roomId, role });
    },

    async closeRoom(roomId) {
      closedRooms.set(roomId, performance.now());
      const assignment = assignments.get(roomId);
      if (!assignment) return;
      assignments.delete(roomId);
      assignment.worker.roomIds.delete(roomId);
      if (assignment.worker.alive) await send(assignment.worker, { type: "close-room", roomId });
    },

    async startRecording(roomId, { directory }) {
      const assignment = assignments.get(roomId);
      if (!assignment?.worker.alive) throw new MediaError("room_closed", "This media room is not open.");
      await send(assignment.worker, { type: "start-recording", roomId, directory });
    },

    async stopRecording(roomId) {
      const assignment = assignments.get(roomId);
      if (!assignment?.worker.alive) return [];
      return (await send(assignment.worker, { type: "stop-recording", roomId })).tracks ?? [];
    },

    /** As of each worker's last report (at most a second old). */
    stats() {
      let rooms = 0;
      let peers = 0;
      let { forwardedPackets, ownPathPackets } = retired;
      for (const worker of workers) {
        forwardedPackets += worker.stats.forwardedPackets;
        ownPathPackets += worker.stats.ownPathPackets;
        if (!worker.alive) continue;
        rooms += worker.stats.rooms;
        peers += worker.stats.peers;
      }
      return { rooms, peers, forwardedPackets, ownPathPackets };
    },

    async close() {
      if (poolClosed) return;
      poolClosed = true;
      await Promise.all(workers.map((worker) => send(worker, { type: "close" }).catch(() => undefined)));
      await Promise.all(workers.map((worker) => stopWorker(worker)));
    },
  };
}

async function stopWorker(worker: Worker) {
  const { child } = worker;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  if (child.connected) child.disconnect();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), EXIT_TIMEOUT_MS)));
  if ((await Promise.race([exited, late])) === "late") child.kill("SIGKILL");
  clearTimeout(timer);
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
