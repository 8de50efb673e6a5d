// Compile-time proof of the contract, checked by `npm run typecheck` (never run): a page's
// `request()` accepts only the catalog's event names with their payloads, and its answer
// has the catalog's ack type. Each `@ts-expect-error` fails the typecheck if the line below
// it ever compiles.
import type { LiveRequest } from "../../app/components/session-provider.tsx";
import type { ClientToServerEvents, ServerToClientEvents } from "../../contract/live-events.ts";
import type { SessionView } from "../../contract/sessions.ts";

declare const request: LiveRequest;
const orderId = "6f1c1d8e-0000-4000-8000-000000000000";

export async function correctCallsCompile() {
  const { session } = await request("call:start", { orderId });
  const view: SessionView = session;
  const { answerSdp } = await request("media:join", { sessionId: view.id, offerSdp: "v=0 an offer" });
  const { message } = await request("chat:send", { orderId, body: "Hello" });
  return [answerSdp.length, message.createdAt];
}

export async function misspeltEventNameFails() {
  // @ts-expect-error "call:strat" is not an event of the catalog
  await request("call:strat", { orderId });
}

export async function wrongPayloadFails() {
  // @ts-expect-error call:start carries an orderId, not a sessionId
  await request("call:start", { sessionId: orderId });
  // @ts-expect-error the order id is a string
  await request("call:start", { orderId: 42 });
  // @ts-expect-error chat:send needs the message body
  await request("chat:send", { orderId });
}

export async function wrongAckUseFails() {
  const answer = await request("presence:watch", { userIds: [orderId] });
  // @ts-expect-error presence:watch answers with statuses, not a session
  return answer.session;
}

// Both ends of Socket.IO share the maps: a server event's payload is the catalog's too.
export function serverEventPayloadIsChecked(emit: ServerToClientEvents["wallet:updated"], send: ClientToServerEvents["heartbeat"]) {
  emit({ balanceMinor: 100 });
  // @ts-expect-error the balance is a number of minor units
  emit({ balanceMinor: "100" });
  send({}, () => undefined);
}
