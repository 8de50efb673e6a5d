"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { MessageThread } from "../../components/message-thread.tsx";
import { useSession } from "../../components/session-provider.tsx";
import { useApiLoad } from "../../lib/use-api-load.ts";
import { mergeMessages } from "../../lib/order-rules.ts";
import type { OrderDetail, OrderMessage } from "../../../contract/orders.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import { useViewerTimeZone } from "../../lib/use-order-helpers.ts";

const TYPING_SHOWN_MS = 4_000;
const TYPING_SENT_EVERY_MS = 2_000;

/**
 * The text session (SPEC 5): the order's conversation, sent over the live connection with an
 * acknowledgement, kept in the order the server stored it, with a typing indicator.
 */
export function SessionChat({ order, viewerId, counterpartName }: { order: OrderDetail; viewerId: string; counterpartName: string }) {
  const t = useTranslations("live");
  const thread = useTranslations("thread");
  const describeError = useErrorMessage();
  const timeZone = useViewerTimeZone();
  const { subscribe, request } = useSession();
  const [messages, setMessages] = useState<OrderMessage[]>([]);
  // Bumped on each typing event; the indicator shows until TYPING_SHOWN_MS pass without one.
  const [typingSignal, setTypingSignal] = useState(0);
  const [otherIsTyping, setOtherIsTyping] = useState(false);
  const lastTypingSent = useRef(0);

  const [reloads, setReloads] = useState(0);
  useApiLoad<{ items: OrderMessage[] }>(
    `/orders/${order.id}/messages`,
    (loaded) => setMessages((current) => mergeMessages(current, loaded.items)),
    reloads,
  );

  useEffect(() => {
    const offs = [
      subscribe("order:message", (message) => {
        if (message.orderId !== order.id) return;
        setMessages((current) => mergeMessages(current, [message]));
        if (message.authorId !== viewerId) setOtherIsTyping(false);
      }),
      subscribe("chat:typing", (event) => {
        if (event.orderId !== order.id || event.userId === viewerId) return;
        setOtherIsTyping(true);
        setTypingSignal((value) => value + 1);
      }),
      subscribe("reconnect", () => setReloads((value) => value + 1)),
    ];
    return () => offs.forEach((off) => off());
  }, [order.id, viewerId, subscribe]);

  useEffect(() => {
    if (typingSignal === 0) return;
    const timer = window.setTimeout(() => setOtherIsTyping(false), TYPING_SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [typingSignal]);

  const send = useCallback(
    async (body: string) => {
      try {
        const { message } = await request("chat:send", { orderId: order.id, body });
        setMessages((current) => mergeMessages(current, [message]));
      } catch (error) {
        throw new Error(describeError(error), { cause: error });
      }
    },
    [order.id, request, describeError],
  );

  const typing = () => {
    if (Date.now() - lastTypingSent.current < TYPING_SENT_EVERY_MS) return;
    lastTypingSent.current = Date.now();
    void request("chat:typing", { orderId: order.id }).catch(() => undefined);
  };

  const describeAuthor = (authorId: string) => (authorId === order.customerId ? thread("customer") : thread("provider"));
  return (
    <section aria-labelledby="session-chat-title" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="session-chat-title" className="mb-3 text-lg font-semibold text-slate-900">
        {t("chatTitle")}
      </h2>
      <MessageThread
        messages={messages}
        viewerId={viewerId}
        timeZone={timeZone}
        describeAuthor={describeAuthor}
        onSend={send}
        onTyping={typing}
        labelledBy="session-chat-title"
        notice={
          <p aria-live="polite" className="mt-2 h-5 text-sm text-slate-600 italic">
            {otherIsTyping ? t("typing", { name: counterpartName }) : ""}
          </p>
        }
      />
    </section>
  );
}
