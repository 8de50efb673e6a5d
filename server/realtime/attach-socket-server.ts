import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { AppContext, LiveEvents } from "../context.ts";
import { findSessionUser, SESSION_COOKIE } from "../domain/accounts/auth-sessions.ts";
import { AppError, asAppError, toErrorBody } from "../errors.ts";
import type { RequestSource } from "../http/request-source.ts";
import type { Metrics } from "../metrics.ts";
import { leaveSite } from "../domain/presence/leave-site.ts";
import { recordHeartbeat } from "../domain/presence/record-heartbeat.ts";
import { clientEvents, type Ack, type ClientEventName } from "./events.ts";
import { createSocketHandlers, watchRoom, type SocketScope } from "./socket-handlers.ts";

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
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(
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

  const handlers = createSocketHandlers(ctx) as Record<ClientEventName, (payload: unknown, scope: SocketScope) => Promise<object> | object>;
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
        .then((remaining) => (remaining.length === 0 ? leaveSite(ctx, { userId }) : undefined))
        .catch((error: unknown) => ctx.logger.warn({ err: error }, "presence check on disconnect failed"));
    });
    const scope: SocketScope = {
      userId,
      join: (room) => void socket.join(room),
      leave: (room) => void socket.leave(room),
    };
    for (const name of Object.keys(clientEvents) as ClientEventName[]) {
      socket.on(name, async (payload: unknown, ack?: Ack) => {
        const reply = typeof ack === "function" ? ack : () => {};
        if (!allowEvent()) {
          reply(toErrorBody(new AppError("rate_limited", "Too many events on this connection. Slow down.")));
          return;
        }
        const parsed = clientEvents[name].safeParse(payload ?? {});
        if (!parsed.success) {
          const first = parsed.error.issues[0];
          reply(toErrorBody(new AppError("validation_failed", first ? `${first.path.join(".") || "payload"}: ${first.message}` : "Invalid payload.")));
          return;
        }
        try {
          reply({ ok: true, ...(await handlers[name](parsed.data, scope)) });
        } catch (error) {
          if (!(error instanceof AppError)) ctx.logger.error({ err: error, event: name }, "socket handler failed");
          reply(toErrorBody(asAppError(error)));
        }
      });
    }
  });

  const live: LiveEvents = {
    toUser: (userId, event, payload) => {
      io.to(`user:${userId}`).emit(event as never, payload as never);
    },
    toWatchersOf: (userId, event, payload) => {
      io.to(watchRoom(userId)).emit(event as never, payload as never);
    },
  };
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
