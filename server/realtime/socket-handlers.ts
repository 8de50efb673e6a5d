import type { AppContext } from "../context.ts";
import { postOrderMessage } from "../domain/orders/post-order-message.ts";
import { loadOrderFor } from "../domain/orders/order-access.ts";
import { readLiveStatuses } from "../domain/presence/read-live-statuses.ts";
import { recordHeartbeat } from "../domain/presence/record-heartbeat.ts";
import { answerCall } from "../domain/sessions/answer-call.ts";
import { endSession } from "../domain/sessions/end-session.ts";
import { joinMediaRoom } from "../domain/sessions/join-media-room.ts";
import { listWaitingCalls } from "../domain/sessions/list-waiting-calls.ts";
import { recordSessionHeartbeat } from "../domain/sessions/record-session-heartbeat.ts";
import { startAppointmentChat } from "../domain/appointments/start-appointment-chat.ts";
import { startCall } from "../domain/sessions/start-call.ts";
import { stopRinging } from "../domain/sessions/stop-ringing.ts";
import type { ClientEventAck, ClientEventName, ParsedClientEventPayload } from "../../contract/live-events.ts";

/** What a handler may do with the connection itself, beyond calling the domain. */
export type SocketScope = {
  userId: string;
  join(room: string): void;
  leave(room: string): void;
};

/** Each handler returns exactly what the catalog says its ack carries. */
export type SocketHandlers = {
  [E in ClientEventName]: (payload: ParsedClientEventPayload<E>, scope: SocketScope) => Promise<ClientEventAck<E>> | ClientEventAck<E>;
};

export const watchRoom = (userId: string) => `watch:${userId}`;

/**
 * One handler per client event: each parses nothing (the catalog did), calls one domain
 * function as the signed-in user, and returns what the ack carries. The domain checks that
 * the user is a party to the order or session.
 */
export function createSocketHandlers(ctx: AppContext): SocketHandlers {
  return {
    heartbeat: async (_payload, { userId }) => {
      await recordHeartbeat(ctx, { userId });
      return { serverTime: ctx.now().toISOString() };
    },
    "presence:watch": async ({ userIds }, scope) => {
      userIds.forEach((id) => scope.join(watchRoom(id)));
      return { statuses: await readLiveStatuses(ctx, userIds) };
    },
    "presence:unwatch": ({ userIds }, scope) => {
      userIds.forEach((id) => scope.leave(watchRoom(id)));
      return {};
    },
    "call:start": async ({ orderId }, { userId }) => ({ session: await startCall(ctx, { orderId, userId }) }),
    "call:start-appointment": async ({ appointmentId }, { userId }) => ({ session: await startAppointmentChat(ctx, { appointmentId, userId }) }),
    "call:cancel": async ({ sessionId }, { userId }) => ({ session: await stopRinging(ctx, { sessionId, userId, by: "customer" }) }),
    "call:answer": async ({ sessionId }, { userId }) => ({ session: await answerCall(ctx, { sessionId, userId }) }),
    "call:decline": async ({ sessionId }, { userId }) => ({ session: await stopRinging(ctx, { sessionId, userId, by: "provider" }) }),
    "calls:waiting": async (_payload, { userId }) => ({ calls: await listWaitingCalls(ctx, { userId }) }),
    "session:heartbeat": async ({ sessionId }, { userId }) => recordSessionHeartbeat(ctx, { sessionId, userId }),
    "session:end": async ({ sessionId }, { userId }) => ({ session: await endSession(ctx, { sessionId, userId }) }),
    "media:join": async ({ sessionId, offerSdp }, { userId }) => joinMediaRoom(ctx, { sessionId, userId, offerSdp }),
    "chat:send": async ({ orderId, body }, { userId }) => ({ message: await postOrderMessage(ctx, { orderId, userId, body }) }),
    "chat:typing": async ({ orderId }, { userId }) => {
      const order = await loadOrderFor(ctx.db, orderId, { id: userId });
      const other = order.customerId === userId ? order.providerId : order.customerId;
      ctx.live.toUser(other, "chat:typing", { orderId, userId });
      return {};
    },
  };
}
