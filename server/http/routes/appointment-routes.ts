import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { IdempotencyHeader } from "../../../contract/common.ts";
import {
  AppointmentBody,
  AppointmentList,
  BookAppointmentRequest,
  NoShowRequest,
  RejectAppointmentRequest,
  SlotsBody,
  SlotsQuery,
} from "../../../contract/appointments.ts";
import { acceptAppointment } from "../../domain/appointments/accept-appointment.ts";
import { bookAppointment } from "../../domain/appointments/book-appointment.ts";
import { cancelAppointment } from "../../domain/appointments/cancel-appointment.ts";
import { getAppointment, listAppointments } from "../../domain/appointments/list-appointments.ts";
import { listFreeSlots } from "../../domain/appointments/list-free-slots.ts";
import { markNoShow } from "../../domain/appointments/mark-no-show.ts";
import { rejectAppointment } from "../../domain/appointments/reject-appointment.ts";
import { authenticated, idempotencyKeyOf, requireUser } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { errorResponses, jsonBody, jsonResponse, sessionRequired } from "../schemas.ts";

const Id = z.object({ id: z.uuid() });
const tags = ["appointments"];

const slots = createRoute({
  operationId: "listProviderSlots",
  method: "get",
  path: "/providers/{id}/slots",
  tags,
  summary: "Free start times (UTC ISO, labelled in the viewer's zone) for a booking of `blocks` blocks",
  request: { params: Id, query: SlotsQuery },
  responses: { 200: jsonResponse(SlotsBody, "Free start times, ascending"), ...errorResponses },
});

const book = createRoute({
  operationId: "bookAppointment",
  security: sessionRequired,
  method: "post",
  path: "/appointments",
  middleware: [authenticated] as const,
  tags,
  summary: "Book a time: the price moves into the appointment's hold; the request is pending",
  request: { headers: IdempotencyHeader, body: jsonBody(BookAppointmentRequest) },
  responses: { 201: jsonResponse(AppointmentBody, "The appointment (also for a retried request with the same Idempotency-Key)"), ...errorResponses },
});

const list = createRoute({
  operationId: "listAppointments",
  security: sessionRequired,
  method: "get",
  path: "/appointments",
  middleware: [authenticated] as const,
  tags,
  summary: "My appointments as the customer or the provider, by start time",
  request: { query: z.object({ as: z.enum(["customer", "provider"]).default("customer"), status: z.enum(["pending", "accepted", "rejected", "cancelled", "completed", "no_show"]).optional() }) },
  responses: { 200: jsonResponse(AppointmentList, "Appointments"), ...errorResponses },
});

const detail = createRoute({
  operationId: "getAppointment",
  security: sessionRequired,
  method: "get",
  path: "/appointments/{id}",
  middleware: [authenticated] as const,
  tags,
  summary: "One appointment with price, paid and remaining (its two parties only)",
  request: { params: Id },
  responses: { 200: jsonResponse(AppointmentBody, "The appointment"), ...errorResponses },
});

function action(path: string, operationId: string, summary: string) {
  return createRoute({
    operationId,
    security: sessionRequired,
    method: "post",
    path: `/appointments/{id}/${path}`,
    middleware: [authenticated] as const,
    tags,
    summary,
    request: { params: Id },
    responses: { 200: jsonResponse(AppointmentBody, "The appointment after the change"), ...errorResponses },
  });
}

const reject = createRoute({
  operationId: "rejectAppointment",
  security: sessionRequired,
  method: "post",
  path: "/appointments/{id}/reject",
  middleware: [authenticated] as const,
  tags,
  summary: "The provider rejects a pending request with a reason (full refund)",
  request: { params: Id, body: jsonBody(RejectAppointmentRequest) },
  responses: { 200: jsonResponse(AppointmentBody, "The appointment after the change"), ...errorResponses },
});

const noShow = createRoute({
  operationId: "markAppointmentNoShow",
  security: sessionRequired,
  method: "post",
  path: "/appointments/{id}/no-show",
  middleware: [authenticated] as const,
  tags,
  summary: "Mark the other party as absent, as the recorded presence and calls allow",
  request: { params: Id, body: jsonBody(NoShowRequest) },
  responses: { 200: jsonResponse(AppointmentBody, "The appointment after the change"), ...errorResponses },
});

export function registerAppointmentRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(slots, async (c) => {
    const query = c.req.valid("query");
    const body = await listFreeSlots(ctx, {
      providerId: c.req.valid("param").id,
      viewerId: c.get("user")?.id ?? null,
      ...(query.from ? { from: new Date(query.from) } : {}),
      ...(query.to ? { to: new Date(query.to) } : {}),
      blocks: query.blocks,
      ...(query.tz ? { timeZone: query.tz } : {}),
    });
    return c.json(body, 200);
  });
  api.openapi(book, async (c) => {
    const body = c.req.valid("json");
    const { appointment } = await bookAppointment(ctx, {
      customerId: requireUser(c).id,
      tweepId: body.tweepId,
      medium: body.medium,
      startsAt: new Date(body.startsAt),
      blocks: body.blocks,
      requestKey: idempotencyKeyOf(c),
    });
    return c.json({ appointment }, 201);
  });
  api.openapi(list, async (c) => {
    const query = c.req.valid("query");
    return c.json({ items: await listAppointments(ctx, { userId: requireUser(c).id, as: query.as, ...(query.status ? { status: query.status } : {}) }) }, 200);
  });
  api.openapi(detail, async (c) => c.json({ appointment: await getAppointment(ctx, { appointmentId: c.req.valid("param").id, userId: requireUser(c).id }) }, 200));

  api.openapi(action("accept", "acceptAppointment", "The provider accepts a pending request"), async (c) =>
    c.json({ appointment: await acceptAppointment(ctx, { appointmentId: c.req.valid("param").id, userId: requireUser(c).id }) }, 200),
  );
  api.openapi(reject, async (c) => {
    const { reason } = c.req.valid("json");
    return c.json({ appointment: await rejectAppointment(ctx, { appointmentId: c.req.valid("param").id, userId: requireUser(c).id, reason }) }, 200);
  });
  api.openapi(action("cancel", "cancelAppointment", "Either party cancels (refund rules of SPEC 16)"), async (c) =>
    c.json({ appointment: await cancelAppointment(ctx, { appointmentId: c.req.valid("param").id, userId: requireUser(c).id }) }, 200),
  );
  api.openapi(noShow, async (c) => {
    const { absent } = c.req.valid("json");
    return c.json({ appointment: await markNoShow(ctx, { appointmentId: c.req.valid("param").id, userId: requireUser(c).id, absent }) }, 200);
  });
}
