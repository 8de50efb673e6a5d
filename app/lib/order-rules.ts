import type { OrderAction, OrderStatus } from "../../contract/orders.ts";

const orderStatuses: readonly string[] = ["open", "cancelled", "closed", "in_progress", "delivered", "accepted", "refused", "paid"];

export function isKnownOrderStatus(status: string): status is OrderStatus {
  return orderStatuses.includes(status);
}

export type TransitionAction = Extract<OrderAction, "cancel" | "close" | "refuse" | "deliver" | "accept" | "return">;

// The order the buttons appear in: the step that moves the order forward first.
const transitionOrder: readonly TransitionAction[] = ["deliver", "accept", "return", "close", "cancel", "refuse"];

/** The state-changing buttons the card shows, from the server's `actions`, in a stable order. */
export function pickTransitions(actions: readonly string[]): TransitionAction[] {
  return transitionOrder.filter((action) => actions.includes(action));
}

/** Steps that give money away or end the order are confirmed first; delivering is not. */
export function needsConfirmation(action: TransitionAction): action is Exclude<TransitionAction, "deliver"> {
  return action !== "deliver";
}

/** Stale tabs and duplicate deliveries (socket and POST response) must not repeat a message. */
export function mergeMessages<M extends { id: string; createdAt: string }>(current: readonly M[], incoming: readonly M[]): M[] {
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  // Oldest first, newest at the bottom; ties keep a stable order by id.
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** Links in a files order are written by the provider: only http(s) ones become clickable. */
export function isSafeExternalLink(link: string): boolean {
  try {
    const url = new URL(link);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** "1.5 MB" style sizes for the files list. */
export function formatFileSize(sizeBytes: number, locale: string): string {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;
  let value = sizeBytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: units[unit],
    unitDisplay: unit === 0 ? "long" : "short",
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
