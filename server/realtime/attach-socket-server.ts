import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { AppContext, LiveEvents } from "../context.ts";
import { findSessionUser, SESSION_COOKIE } from "../domain/accounts/auth-sessions.ts";
import { AppError, asAppError, toErrorBody } from "../errors.ts";
import type { Metrics } from "../metrics.ts";
import { leaveSite } from "../domain/presence/leave-site.ts";
import { recordHeartbeat } from "../domain/presence/record-heartbeat.ts";
import { recordUserDisconnected } from "../domain/sessions/record-user-disconnected.ts";
import { clientEvents, type Ack, type ClientEventName } from "./events.ts";
import { createSocketHandlers, watchRoom, type SocketScope } from "./socket-handlers.ts";

type SocketData = { userId: string };

/**
 * Socket.IO on the same HTTP server as the pages and the API. A connection is accepted
 * only with a valid session cookie; each user's sockets share the room `user:<id>`.
 */
export function attachSocketServer(options: {
  httpServer: HttpServer;
  ctx: AppContext;
  metrics: Metrics;
  adapter?: Parameters<Server["adapter"]>[0];
}) {
  const { ctx, metrics } = options;
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(
    options.httpServer,
    {
      // Next.js's dev server shares the upgrade event for hot reload: leave its sockets be.
      destroyUpgrade: false,
      serveClient: false,
      pingInterval: 10_000,
      pingTimeout: 10_000,
      ...(options.adapter ? { adapter: options.adapter } : {}),
    },
  );

  io.use(async (socket, next) => {
    try {
      const token = readCookie(socket.request.headers.cookie, SESSION_COOKIE);
      const user = token ? await findSessionUser(ctx.db, token, ctx.now()) : null;
      if (!user) return next(new Error("unauthenticated"));
      socket.data.userId = user.id;
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
    void socket.join(`user:${userId}`);
    void recordHeartbeat(ctx, { userId }).catch((error: unknown) => ctx.logger.error({ err: error }, "presence update failed"));
    socket.on("disconnect", () => {
      metrics.liveConnections.dec();
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
      socket.on(name, async (payload: unknown, ack?: Ack) => {
        const reply = typeof ack === "function" ? ack : () => {};
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

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}
