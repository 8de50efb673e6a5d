// POST /api/v1/orders. Like apiRequest, but a refusal keeps the server's `details`: a short
// balance says exactly how much is missing (`shortfallMinor`), and ordering one's own tweep
// says so (`reason: "own_tweep"`).

import { ApiError } from "./api-client.ts";

export class OrderError extends ApiError {
  constructor(status: number, code: string, message: string, details: Record<string, unknown> | null) {
    super(status, code, message, details ?? undefined);
    this.name = "OrderError";
  }

  get shortfallMinor(): number | null {
    const value = this.details?.shortfallMinor;
    return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : null;
  }

  get isOwnTweep(): boolean {
    return this.code === "conflict" && this.details?.reason === "own_tweep";
  }
}

export type PlacedOrder = { id: string };

export async function placeOrder(
  input: { tweepId: string; medium?: "video" | "text" },
  idempotencyKey: string,
): Promise<PlacedOrder> {
  let response: Response;
  try {
    response = await fetch("/api/v1/orders", {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json", "Idempotency-Key": idempotencyKey },
      credentials: "same-origin",
      cache: "no-store",
      body: JSON.stringify(input),
    });
  } catch {
    throw new ApiError(0, "network_error", "The server could not be reached.");
  }
  let data: unknown;
  try {
    data = await response.json();
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const error = typeof data === "object" && data !== null ? (data as { error?: unknown }).error : undefined;
    if (typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string") {
      const body = error as { code: string; message?: unknown; details?: unknown };
      const details = typeof body.details === "object" && body.details !== null ? (body.details as Record<string, unknown>) : null;
      throw new OrderError(response.status, body.code, typeof body.message === "string" ? body.message : "", details);
    }
    throw new OrderError(response.status, `http_${response.status}`, response.statusText, null);
  }
  const order = (data as { order?: { id?: unknown } } | undefined)?.order;
  if (!order || typeof order.id !== "string") throw new ApiError(0, "invalid_response", "The server's answer was not understood.");
  return { id: order.id };
}
