"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { LoadingPanel } from "../../components/loading-panel.tsx";
import { MessageThread } from "../../components/message-thread.tsx";
import { useSession } from "../../components/session-provider.tsx";
import { apiRequest } from "../../lib/api-client.ts";
import { mergeMessages } from "../../lib/order-rules.ts";
import type { OrderDetail, OrderMessage } from "../../../contract/orders.ts";
import { getLoginRedirect } from "../../lib/redirect-to-login.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import { useViewerTimeZone } from "../../lib/use-order-helpers.ts";
import { useApiLoad } from "../../lib/use-api-load.ts";

/** The thread between customer and provider, kept live by `order:message`. */
export function OrderMessages({ order, viewerId }: { order: OrderDetail; viewerId: string }) {
  const t = useTranslations("order");
  const thread = useTranslations("thread");
  const router = useRouter();
  const describeError = useErrorMessage();
  const { subscribe } = useSession();
  const timeZone = useViewerTimeZone();
  const [messages, setMessages] = useState<OrderMessage[] | null>(null);
  const [reloads, setReloads] = useState(0);
  const orderId = order.id;

  // Merged, not replaced: a message may arrive live before the list does.
  const loadError = useApiLoad<{ items: OrderMessage[] }>(
    `/orders/${orderId}/messages`,
    (loaded) => setMessages((current) => mergeMessages(current ?? [], loaded.items)),
    reloads,
  );

  useEffect(() => {
    const offMessage = subscribe("order:message", (message) => {
      if (message.orderId !== orderId) return;
      setMessages((current) => mergeMessages(current ?? [], [message]));
    });
    const offReconnect = subscribe("reconnect", () => setReloads((value) => value + 1));
    return () => {
      offMessage();
      offReconnect();
    };
  }, [orderId, subscribe]);

  const send = useCallback(
    async (body: string) => {
      try {
        const { message } = await apiRequest<{ message: OrderMessage }>(`/orders/${orderId}/messages`, { method: "POST", body: { body } });
        setMessages((current) => mergeMessages(current ?? [], [message]));
      } catch (caught) {
        const redirect = getLoginRedirect(caught);
        if (redirect) router.replace(redirect);
        throw new Error(describeError(caught), { cause: caught });
      }
    },
    [orderId, router, describeError],
  );

  const describeAuthor = (authorId: string) =>
    authorId === order.customerId ? thread("customer") : authorId === order.providerId ? thread("provider") : thread("moderator");

  return (
    <section aria-labelledby="order-messages-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="order-messages-title" className="text-lg font-semibold text-slate-900">
        {t("messagesTitle")}
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-600">{t("messagesLead")}</p>
      {messages ? (
        <MessageThread
          messages={messages}
          viewerId={viewerId}
          timeZone={timeZone}
          describeAuthor={describeAuthor}
          onSend={send}
          labelledBy="order-messages-title"
        />
      ) : loadError ? (
        <AlertMessage message={describeError(loadError)} />
      ) : (
        <LoadingPanel />
      )}
    </section>
  );
}
