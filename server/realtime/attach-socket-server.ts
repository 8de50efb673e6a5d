import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { AppContext, LiveEvents } from "../context.ts";
import { findSessionUser, SESSION_COOKIE } from "../domain/accounts/auth-sessions.ts";
import { AppError, asAppError, toErrorBody } from "../errors.ts";
import type { Metrics } from "../metrics.ts";
import { leaveSite } from "../domain/presence/leave-site.ts";
import { recordHeartbeat } from "../domain/presence/record-heartbeat.ts";
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
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(
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

  const handlers = createSocketHandlers(ctx);
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
        .then((remaining) => (remaining.length === 0 ? leaveSite(ctx, { userId }) : undefined))
        .catch((error: unknown) => ctx.logger.warn({ err: error }, "presence check on disconnect failed"));
    });
    const scope: SocketScope = {
      userId,
      join: (room) => void socket.join(room),
      leave: (room) => void socket.leave(room),
    };
    for (const name of Object.keys(clientEvents) as ClientEventName[]) {
      socket.on(name, (payload: unknown, ack: unknown) => void answer(name, payload, ack, scope));
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

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}
