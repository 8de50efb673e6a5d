export type Language = "ru" | "en";
type Localized = { ru?: string; en?: string };

export type NotificationEvent =
  | { kind: "order_created"; orderId: string; title: Localized }
  | { kind: "order_delivered"; orderId: string; title: Localized }
  | { kind: "order_accepted"; orderId: string; title: Localized; automatically: boolean }
  | { kind: "order_returned"; orderId: string; title: Localized }
  | { kind: "order_refused"; orderId: string; title: Localized }
  | { kind: "dispute_opened"; orderId: string; title: Localized; disputeId: string; reason: string }
  | { kind: "dispute_message"; orderId: string; title: Localized; disputeId: string; body: string }
  | { kind: "call_missed"; orderId: string; title: Localized; customerName: string }
  // SPEC 15: the waiting list closed, and the reports after each session (absolute links).
  | {
      kind: "queue_closed";
      orderId: string;
      title: Localized;
      providerName: string;
      reason: string;
      providerUrl: string;
      bookUrl?: string;
      /** The provider's next free start times, wall clock in `timeZone` (the customer's). */
      freeTimes?: string[];
      timeZone?: string;
    }
  | (SessionFigures & { kind: "session_earnings"; grossMinor: number; commissionMinor: number; netMinor: number })
  | (SessionFigures & { kind: "session_report"; amountMinor: number; balanceMinor: number })
  // SPEC 17: a customer reported a session; a moderator upheld or dismissed the report.
  | { kind: "session_reported"; orderId: string; title: Localized; sessionId: string; reason: string }
  | {
      kind: "session_report_decided";
      orderId: string;
      title: Localized;
      sessionId: string;
      decision: "upheld" | "dismissed";
      reason: string;
      refundedMinor: number;
      currency: string;
    };

type SessionFigures = { orderId: string; title: Localized; durationSeconds: number; blocks: number; currency: string; orderUrl: string };

/** "12.50 RUB": mail is plain text, read in any client; the code is unambiguous. */
function money(minor: number, currency: string): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")} ${currency}`;
}

function duration(seconds: number, ru: boolean): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return ru ? `${minutes} мин ${rest} с` : `${minutes} min ${rest} s`;
}

const reportReasons: Record<string, { ru: string; en: string }> = {
  provider_absent: { ru: "исполнитель отсутствовал или молчал", en: "the provider was absent or silent" },
  not_advertised: { ru: "услуга не соответствовала описанию", en: "not the advertised service" },
  technical_failure: { ru: "технический сбой", en: "a technical failure" },
  abusive: { ru: "оскорбительное поведение", en: "abusive behaviour" },
  other: { ru: "другое", en: "other" },
};

const closeReasons: Record<string, { ru: string; en: string }> = {
  outside_hours: { ru: "закончились часы приёма", en: "their open hours ended" },
  not_set: { ru: "исполнитель закончил работу", en: "they stopped taking calls" },
  offline: { ru: "исполнитель ушёл с сайта", en: "they left the site" },
  declined: { ru: "исполнитель не сможет принять всех ожидающих", en: "they cannot take everyone waiting" },
};

/** Events that have no order behind them (SPEC 20); stored and sent live, not e-mailed. */
export type PersonalEvent =
  | { kind: "dispute_resolved"; orderId: string; title: Localized; disputeId: string }
  | { kind: "payout_paid"; payoutId: string; amountMinor: number; currency: string }
  | { kind: "message_received"; fromUserId: string; fromName: string; preview: string }
  | { kind: "support_ticket_opened"; ticketId: string; subject: string }
  | { kind: "support_reply"; ticketId: string; subject: string }
  | { kind: "profile_file_decided"; fileKind: "photo" | "gallery"; decision: "approve" | "reject"; reason: string | null }
  // SPEC 15: the first in the waiting list holds the provider for QUEUE_TURN_SECONDS.
  | { kind: "queue_turn"; orderId: string; title: Localized; providerName: string; turnExpiresAt: string }
  // SPEC 16: every change of an appointment's status, and its reminders; e-mailed by the appointments area.
  | { kind: "appointment_changed"; appointmentId: string; change: AppointmentChange; title: Localized; startsAt: string; reason: string | null };

export type AppointmentChange =
  | "appointment_requested"
  | "appointment_accepted"
  | "appointment_rejected"
  | "appointment_auto_rejected"
  | "appointment_cancelled"
  | "appointment_completed"
  | "appointment_no_show"
  | "appointment_reminder_day"
  | "appointment_reminder_soon";

export type RenderedMail = { subject: string; text: string };

/** The order's title in the reader's language, or in the other one when it has only that. */
function titleIn(title: Localized, language: Language): string {
  return (language === "ru" ? (title.ru ?? title.en) : (title.en ?? title.ru)) ?? "";
}

/** SPEC 11: e-mail in the recipient's interface language. Plain text, no HTML to escape. */
export function renderMail(event: NotificationEvent, language: Language, siteUrl: string): RenderedMail {
  const title = titleIn(event.title, language);
  // Absolute: a mail client has no page to resolve a relative link against.
  const orderLink = new URL(`/orders/${event.orderId}`, siteUrl).href;
  const disputesLink = new URL("/disputes", siteUrl).href;
  const sessionLink = "sessionId" in event ? new URL(`/sessions/${event.sessionId}`, siteUrl).href : orderLink;
  const ru = language === "ru";
  switch (event.kind) {
    case "order_created":
      return ru
        ? { subject: `Новый заказ: «${title}»`, text: `Вы получили новый заказ «${title}».\nКарточка заказа: ${orderLink}` }
        : { subject: `New order: "${title}"`, text: `You have a new order for "${title}".\nOrder card: ${orderLink}` };
    case "order_delivered":
      return ru
        ? { subject: `Работа сдана: «${title}»`, text: `Исполнитель отметил работу «${title}» как выполненную. Примите её или верните на доработку.\n${orderLink}` }
        : { subject: `Work delivered: "${title}"`, text: `The provider marked "${title}" as done. Accept it or return it for rework.\n${orderLink}` };
    case "order_accepted":
      return ru
        ? {
            subject: `Работа принята: «${title}»`,
            text: `${event.automatically ? "Срок проверки истёк, работа принята автоматически" : "Заказчик принял работу"} «${title}». Оплата зачислена на ваш счёт.\n${orderLink}`,
          }
        : {
            subject: `Work accepted: "${title}"`,
            text: `${event.automatically ? "The review period ended and the work was accepted automatically" : "The customer accepted the work"}: "${title}". The payment is on your account.\n${orderLink}`,
          };
    case "order_returned":
      return ru
        ? { subject: `Работа возвращена на доработку: «${title}»`, text: `Заказчик вернул работу «${title}» на доработку.\n${orderLink}` }
        : { subject: `Work returned for rework: "${title}"`, text: `The customer returned "${title}" for rework.\n${orderLink}` };
    case "order_refused":
      return ru
        ? { subject: `Исполнитель отказался от заказа: «${title}»`, text: `Исполнитель отказался от заказа «${title}». Деньги возвращены на ваш счёт.\n${orderLink}` }
        : { subject: `The provider refused the order: "${title}"`, text: `The provider refused the order "${title}". The money is back on your account.\n${orderLink}` };
    case "dispute_opened":
      return ru
        ? { subject: `Открыт спор по заказу «${title}»`, text: `По заказу «${title}» открыт спор.\nПричина: ${event.reason}\n${disputesLink}` }
        : { subject: `A dispute was opened on "${title}"`, text: `A dispute was opened on the order "${title}".\nReason: ${event.reason}\n${disputesLink}` };
    case "dispute_message":
      return ru
        ? { subject: `Новое сообщение в споре по заказу «${title}»`, text: `${event.body}\n\n${disputesLink}` }
        : { subject: `New message in the dispute on "${title}"`, text: `${event.body}\n\n${disputesLink}` };
    case "call_missed":
      return ru
        ? { subject: `Пропущенный звонок: «${title}»`, text: `${event.customerName || "Заказчик"} звонил(а) вам по заказу «${title}», но звонок остался без ответа.\n${orderLink}` }
        : { subject: `Missed call: "${title}"`, text: `${event.customerName || "Your customer"} called you about "${title}", and nobody answered.\n${orderLink}` };
    case "queue_closed": {
      const why = closeReasons[event.reason] ?? { ru: "", en: "" };
      const times = event.freeTimes?.length ? event.freeTimes.join(", ") : null;
      return ru
        ? {
            subject: `Очередь к ${event.providerName || "исполнителю"} закрыта`,
            text: event.bookUrl
              ? `Очередь закрыта: ${why.ru}. Ваше место снято, деньги не списаны.\n${times ? `Ближайшее свободное время (${event.timeZone}): ${times}.\n` : ""}Запишитесь на удобное время: ${event.bookUrl}`
              : `Очередь закрыта: ${why.ru}. Ваше место снято, деньги не списаны.\nВыберите другое время на странице исполнителя: ${event.providerUrl}`,
          }
        : {
            subject: `${event.providerName || "The provider"}'s queue has closed`,
            text: event.bookUrl
              ? `The queue has closed: ${why.en}. Your place was released and nothing was charged.\n${times ? `Next free times (${event.timeZone}): ${times}.\n` : ""}Book a time: ${event.bookUrl}`
              : `The queue has closed: ${why.en}. Your place was released and nothing was charged.\nChoose another time on the provider's page: ${event.providerUrl}`,
          };
    }
    case "session_earnings":
      return ru
        ? {
            subject: `Вы заработали ${money(event.netMinor, event.currency)}: «${title}»`,
            text: `Сеанс «${title}» завершён.\nДлительность: ${duration(event.durationSeconds, true)}\nБлоков: ${event.blocks}\nСумма: ${money(event.grossMinor, event.currency)}\nКомиссия: ${money(event.commissionMinor, event.currency)}\nВам: ${money(event.netMinor, event.currency)}\n${event.orderUrl}`,
          }
        : {
            subject: `You earned ${money(event.netMinor, event.currency)}: "${title}"`,
            text: `The session "${title}" has ended.\nDuration: ${duration(event.durationSeconds, false)}\nBlocks: ${event.blocks}\nGross: ${money(event.grossMinor, event.currency)}\nCommission: ${money(event.commissionMinor, event.currency)}\nNet: ${money(event.netMinor, event.currency)}\n${event.orderUrl}`,
          };
    case "session_reported": {
      const why = reportReasons[event.reason] ?? { ru: event.reason, en: event.reason };
      return ru
        ? {
            subject: `Жалоба на сеанс: «${title}»`,
            text: `Заказчик сообщил, что сеанс «${title}» не был оказан добросовестно (${why.ru}). Модератор рассмотрит жалобу; до решения заработок за сеанс не поступает к выплате.\n${sessionLink}`,
          }
        : {
            subject: `Session reported: "${title}"`,
            text: `The customer reported the session "${title}" as not genuine (${why.en}). A moderator will review it; until then the session's earnings do not clear.\n${sessionLink}`,
          };
    }
    case "session_report_decided":
      if (event.decision === "upheld") {
        return ru
          ? {
              subject: `Жалоба на сеанс удовлетворена: «${title}»`,
              text: `Модератор удовлетворил жалобу на сеанс «${title}». Заказчику возвращено ${money(event.refundedMinor, event.currency)}.\nПричина: ${event.reason}\n${sessionLink}`,
            }
          : {
              subject: `Session report upheld: "${title}"`,
              text: `A moderator upheld the report on the session "${title}". ${money(event.refundedMinor, event.currency)} went back to the customer.\nReason: ${event.reason}\n${sessionLink}`,
            };
      }
      return ru
        ? {
            subject: `Жалоба на сеанс отклонена: «${title}»`,
            text: `Модератор отклонил жалобу на сеанс «${title}».\nПричина: ${event.reason}\n${sessionLink}`,
          }
        : {
            subject: `Session report dismissed: "${title}"`,
            text: `A moderator dismissed the report on the session "${title}".\nReason: ${event.reason}\n${sessionLink}`,
          };
    case "session_report":
      return ru
        ? {
            subject: `Отчёт о сеансе: «${title}»`,
            text: `Сеанс «${title}» завершён.\nДлительность: ${duration(event.durationSeconds, true)}\nБлоков: ${event.blocks}\nСписано: ${money(event.amountMinor, event.currency)}\nБаланс: ${money(event.balanceMinor, event.currency)}\n${event.orderUrl}`,
          }
        : {
            subject: `Session report: "${title}"`,
            text: `The session "${title}" has ended.\nDuration: ${duration(event.durationSeconds, false)}\nBlocks: ${event.blocks}\nCharged: ${money(event.amountMinor, event.currency)}\nBalance: ${money(event.balanceMinor, event.currency)}\n${event.orderUrl}`,
          };
  }
}
