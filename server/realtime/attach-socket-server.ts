import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { AppContext, LiveEvents } from "../context.ts";
import { findSessionUser, SESSION_COOKIE } from "../domain/accounts/auth-sessions.ts";
import { AppError, asAppError, toErrorBody } from "../errors.ts";
import type { RequestSource } from "../http/request-source.ts";
import type { Metrics } from "../metrics.ts";
import { leaveSite } from "../domain/presence/leave-site.ts";
import { recordHeartbeat } from "../domain/presence/record-heartbeat.ts";
import { recordUserDisconnected } from "../domain/sessions/record-user-disconnected.ts";
import {
  clientEvents,
  type AckResponse,
  type ClientEventName,
  type ClientToServerEvents,
  type ServerEventName,
  type ServerEventPayload,
  type ServerToClientEvents,
} from "../../contract/live-events.ts";
import { createSocketHandlers, watchRoom, type SocketHandlers, type SocketScope } from "./socket-handlers.ts";

type SocketData = { userId: string; clientAddress: string };

export type SocketLimits = {
  /** Open connections one user may hold in this process (tabs, devices). */
  connectionsPerUser: number;
  /** Sustained client events per second per connection, and the burst allowed above it. */
  eventsPerSecond: number;
  eventBurst: number;
};

export const defaultSocketLimits: SocketLimits = { connectionsPerUser: 32, eventsPerSecond: 20, eventBurst: 40 };

/**
 * Socket.IO on the same HTTP server as the pages and the API. A connection is accepted
 * only with a valid session cookie; each user's sockets share the room `user:<id>`.
 */
export function attachSocketServer(options: {
  httpServer: HttpServer;
  ctx: AppContext;
  metrics: Metrics;
  requestSource: RequestSource;
  limits?: Partial<SocketLimits>;
  adapter?: Parameters<Server["adapter"]>[0];
}) {
  const { ctx, metrics, requestSource } = options;
  const limits = { ...defaultSocketLimits, ...options.limits };
  const connectionsByUser = new Map<string, number>();
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(
    options.httpServer,
    {
      // Next.js's dev server shares the upgrade event for hot reload: leave its sockets be.
      destroyUpgrade: false,
      serveClient: false,
      pingInterval: 10_000,
      pingTimeout: 10_000,
      ...(options.adapter ? { adapter: options.adapter } : {}),
      // The session cookie rides along on a cross-site WebSocket too: a page on another
      // origin (another port of the same host included) must not act as the user. Browsers
      // always send Origin; clients that send none are not a browser acting for a victim.
      allowRequest: (req, callback) => {
        const origin = req.headers.origin;
        const allowed = origin === undefined || requestSource.isOwnOrigin(origin, req);
        callback(allowed ? null : "cross_site_request", allowed);
      },
    },
  );

  io.use(async (socket, next) => {
    try {
      const token = readCookie(socket.request.headers.cookie, SESSION_COOKIE);
      const user = token ? await findSessionUser(ctx.db, token, ctx.now()) : null;
      if (!user) return next(new Error("unauthenticated"));
      if ((connectionsByUser.get(user.id) ?? 0) >= limits.connectionsPerUser) return next(new Error("too_many_connections"));
      socket.data.userId = user.id;
      socket.data.clientAddress = requestSource.clientAddress(socket.request);
      next();
    } catch (error) {
      ctx.logger.error({ err: error }, "socket authentication failed");
      next(new Error("unavailable"));
    }
  });

  const handlers = createSocketHandlers(ctx);
  io.on("connection", (socket) => {
    const userId = socket.data.userId;
    metrics.liveConnections.inc();
    connectionsByUser.set(userId, (connectionsByUser.get(userId) ?? 0) + 1);
    const allowEvent = tokenBucket(limits.eventsPerSecond, limits.eventBurst);
    void socket.join(`user:${userId}`);
    void recordHeartbeat(ctx, { userId }).catch((error: unknown) => ctx.logger.error({ err: error }, "presence update failed"));
    socket.on("disconnect", () => {
      metrics.liveConnections.dec();
      const left = (connectionsByUser.get(userId) ?? 1) - 1;
      if (left > 0) connectionsByUser.set(userId, left);
      else connectionsByUser.delete(userId);
      // Offline at once when this was the user's last page anywhere (fetchSockets asks
      // every process through the adapter); otherwise the heartbeats keep them online.
      void io
        .in(`user:${userId}`)
        .fetchSockets()
        .then((remaining) =>
          remaining.length === 0 ? Promise.all([leaveSite(ctx, { userId }), recordUserDisconnected(ctx, { userId })]) : undefined,
        )
        .catch((error: unknown) => ctx.logger.warn({ err: error }, "presence check on disconnect failed"));
    });
    const scope: SocketScope = {
      userId,
      join: (room) => void socket.join(room),
      leave: (room) => void socket.leave(room),
    };
    for (const name of Object.keys(clientEvents) as ClientEventName[]) {
      socket.on(name, (payload: unknown, ack: unknown) => {
        if (allowEvent()) return void answer(name, payload, ack, scope);
        if (typeof ack === "function") ack(toErrorBody(new AppError("rate_limited", "Too many events on this connection. Slow down.")));
      });
    }
  });

  /**
   * Parses the payload with the catalog's schema, runs the event's handler and acks its
   * result. The payload is whatever the client sent: the types of the event map are what a
   * well-behaved page sends, the schema is what the server accepts.
   */
  async function answer<E extends ClientEventName>(name: E, payload: unknown, ack: unknown, scope: SocketScope) {
    const reply = typeof ack === "function" ? (ack as (response: AckResponse<E>) => void) : () => {};
    const parsed = clientEvents[name].payload.safeParse(payload ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      reply(toErrorBody(new AppError("validation_failed", first ? `${first.path.join(".") || "payload"}: ${first.message}` : "Invalid payload.")));
      return;
    }
    try {
      const handler = handlers[name] as SocketHandlers[E];
      const result = await (handler as (payload: unknown, scope: SocketScope) => Promise<object> | object)(parsed.data, scope);
      reply({ ok: true, ...result } as AckResponse<E>);
    } catch (error) {
      if (!(error instanceof AppError)) ctx.logger.error({ err: error, event: name }, "socket handler failed");
      reply(toErrorBody(asAppError(error)));
    }
  }

  const live: LiveEvents = {
    toUser: (userId, event, payload) => emitTo(`user:${userId}`, event, payload),
    toWatchersOf: (userId, event, payload) => emitTo(watchRoom(userId), event, payload),
  };
  /**
   * The one place a server event leaves: `LiveEvents` has checked event and payload against
   * the catalog; Socket.IO's own typing cannot follow a generic event name through its ack
   * decoration, so the name is widened to the union here.
   */
  function emitTo<E extends ServerEventName>(room: string, event: E, payload: ServerEventPayload<E>) {
    io.to(room).emit(event as ServerEventName, ...([payload] as Parameters<ServerToClientEvents[ServerEventName]>));
  }

  return { io, live };
}

/** Refills `perSecond` tokens a second up to `burst`; each event takes one. */
function tokenBucket(perSecond: number, burst: number) {
  let tokens = burst;
  let last = performance.now();
  return () => {
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}
