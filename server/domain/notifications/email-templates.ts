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
  | { kind: "call_missed"; orderId: string; title: Localized; customerName: string };

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
  }
}
