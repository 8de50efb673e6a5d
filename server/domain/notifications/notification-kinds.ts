import { describeAppointmentChange } from "./appointment-texts.ts";
import { type Language, type NotificationEvent, type PersonalEvent, renderMail } from "./email-templates.ts";

/**
 * Every kind of thing a user is told about (SPEC 11, 20). A new kind is added here: its
 * page (`linkOf`), whether the browser may pop it up (`urgent`), and its words. Order events
 * are also e-mailed (SPEC 11), as are a queue's closing and the session e-mails (SPEC 15);
 * the others live in the notification centre only.
 */
export type AnyNotificationEvent = NotificationEvent | PersonalEvent;

// SPEC 20: browser notifications for calls, turns and reminders (and a new order).
const URGENT = new Set<AnyNotificationEvent["kind"]>(["call_missed", "order_created", "queue_turn"]);

export function isUrgent(event: AnyNotificationEvent): boolean {
  if (event.kind === "appointment_changed") return event.change === "appointment_reminder_day" || event.change === "appointment_reminder_soon";
  return URGENT.has(event.kind);
}

export function isEmailed(event: AnyNotificationEvent): event is NotificationEvent {
  return (
    event.kind === "order_created" ||
    event.kind === "order_delivered" ||
    event.kind === "order_accepted" ||
    event.kind === "order_returned" ||
    event.kind === "order_refused" ||
    event.kind === "dispute_opened" ||
    event.kind === "dispute_message" ||
    event.kind === "call_missed" ||
    // SPEC 15: a closed queue's decline, and the e-mails after each consultation session.
    event.kind === "queue_closed" ||
    event.kind === "session_earnings" ||
    event.kind === "session_report" ||
    // SPEC 17: both parties of a reported session, when it is reported and when it is decided.
    event.kind === "session_reported" ||
    event.kind === "session_report_decided"
  );
}

/** The page each notification opens. */
export function linkOf(event: AnyNotificationEvent): string {
  switch (event.kind) {
    case "dispute_opened":
    case "dispute_message":
    case "dispute_resolved":
      return `/disputes/${event.disputeId}`;
    case "payout_paid":
      return "/finances";
    case "message_received":
      return `/messages/${event.fromUserId}`;
    case "support_ticket_opened":
      return "/moderation#support";
    case "support_reply":
      return `/disputes#support-${event.ticketId}`;
    case "profile_file_decided":
      return "/settings#profile";
    case "appointment_changed":
      return `/appointments#${event.appointmentId}`;
    case "session_reported":
    case "session_report_decided":
      return `/sessions/${event.sessionId}`;
    default:
      return `/orders/${event.orderId}`;
  }
}

const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

/** A short title and a line of text in the reader's language. */
export function describeNotification(event: AnyNotificationEvent, language: Language): { title: string; body: string } {
  if (isEmailed(event)) {
    // Only the subject and the first line are shown; neither carries a link.
    const mail = renderMail(event, language, "http://tweeps.invalid");
    return { title: mail.subject, body: mail.text.split("\n")[0] ?? "" };
  }
  const ru = language === "ru";
  switch (event.kind) {
    case "dispute_resolved": {
      const title = (ru ? (event.title.ru ?? event.title.en) : (event.title.en ?? event.title.ru)) ?? "";
      return ru
        ? { title: `Спор по заказу «${title}» решён`, body: "Модератор принял решение по спору." }
        : { title: `The dispute on "${title}" is resolved`, body: "A moderator decided the dispute." };
    }
    case "payout_paid":
      return ru
        ? { title: "Выплата отправлена", body: `Выплата ${money(event.amountMinor, event.currency)} отправлена на ваш счёт.` }
        : { title: "Payout sent", body: `Your payout of ${money(event.amountMinor, event.currency)} was sent.` };
    case "message_received":
      return ru
        ? { title: `Новое сообщение от ${event.fromName || "собеседника"}`, body: event.preview }
        : { title: `New message from ${event.fromName || "your contact"}`, body: event.preview };
    case "support_ticket_opened":
      return ru
        ? { title: "Новое обращение в поддержку", body: event.subject }
        : { title: "New support ticket", body: event.subject };
    case "support_reply":
      return ru ? { title: "Ответ поддержки", body: event.subject } : { title: "Support replied", body: event.subject };
    case "appointment_changed":
      return describeAppointmentChange(event, language);
    case "queue_turn": {
      const title = (ru ? (event.title.ru ?? event.title.en) : (event.title.en ?? event.title.ru)) ?? "";
      const who = event.providerName || (ru ? "исполнитель" : "the provider");
      return ru
        ? { title: `Ваша очередь: «${title}»`, body: `${who} ждёт вас: начните чат, пока очередь не перешла к следующему.` }
        : { title: `Your turn: "${title}"`, body: `${who} is waiting for you: start the chat before the turn passes on.` };
    }
    case "profile_file_decided": {
      const what = event.fileKind === "photo" ? (ru ? "Фото профиля" : "Your profile photo") : ru ? "Изображение галереи" : "Your gallery image";
      if (event.decision === "approve") return ru ? { title: `${what} одобрено`, body: "" } : { title: `${what} was approved`, body: "" };
      return ru
        ? { title: `${what} отклонено`, body: event.reason ?? "" }
        : { title: `${what} was rejected`, body: event.reason ?? "" };
    }
  }
}
