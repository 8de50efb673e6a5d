"use client";

import { ArrowLeft, Scale } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { LoadingPanel } from "../../components/loading-panel.tsx";
import { OrderStatusBadge } from "../../components/order-status-badge.tsx";
import { useSession } from "../../components/session-provider.tsx";
import { StatusMessage } from "../../components/status-message.tsx";
import { ApiError } from "../../lib/api-client.ts";
import type { OrderDetail } from "../../../contract/orders.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";
import { useOrderKind, useOrderTitle } from "../../lib/use-order-helpers.ts";
import { ConsultationPanel } from "./consultation-panel.tsx";
import { OrderPackages } from "./order-packages.tsx";
import { OpenDisputeForm } from "./open-dispute-form.tsx";
import { OrderActions } from "./order-actions.tsx";
import { OrderDocumentsLink } from "./order-documents-link.tsx";
import { OrderFiles } from "./order-files.tsx";
import { OrderMessages } from "./order-messages.tsx";
import { OrderSummary } from "./order-summary.tsx";
import { ReviewForm } from "./review-form.tsx";
import { useApiLoad } from "../../lib/use-api-load.ts";

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 403 || error.code === "validation_failed");
}

/** The order card (SPEC 5–8): what was ordered, its money, the next steps and the thread. */
export function OrderView({ orderId }: { orderId: string }) {
  const t = useTranslations("order");
  const tr = useTranslations();
  const describeError = useErrorMessage();
  const { session, subscribe } = useSession();
  const titleOf = useOrderTitle();
  const kindOf = useOrderKind();
  const [order, setOrder] = useState<OrderDetail | null>(null);
  const [reloads, setReloads] = useState(0);
  const [liveNotice, setLiveNotice] = useState(false);

  const reload = useCallback(() => setReloads((value) => value + 1), []);

  const loadError = useApiLoad<{ order: OrderDetail }>(`/orders/${encodeURIComponent(orderId)}`, (loaded) => setOrder(loaded.order), reloads);

  // The other party delivered, accepted, refused or opened a dispute: read the card again.
  useEffect(() => {
    const offUpdated = subscribe("order:updated", (event) => {
      if (event.orderId !== orderId) return;
      setLiveNotice(true);
      reload();
    });
    const offReconnect = subscribe("reconnect", reload);
    return () => {
      offUpdated();
      offReconnect();
    };
  }, [orderId, subscribe, reload]);

  const applyOrder = useCallback((next: OrderDetail) => {
    setLiveNotice(false);
    setOrder(next);
  }, []);

  if (!order || session.status !== "authenticated") {
    return (
      <>
        <BackLink />
        {loadError ? (
          <AlertMessage message={isNotFound(loadError) ? t("notFound") : `${t("loadError")} ${describeError(loadError)}`} />
        ) : (
          <LoadingPanel />
        )}
      </>
    );
  }

  const viewerId = session.user.id;
  const role = order.customerId === viewerId ? "customer" : order.providerId === viewerId ? "provider" : "moderator";
  const title = titleOf(order.title);
  const can = (action: string) => order.actions.includes(action);

  return (
    <>
      <BackLink sales={role === "provider"} />
      <div className="mb-6">
        <p className="text-sm font-medium text-indigo-700">{kindOf(order.type, order.medium)}</p>
        <h1 lang={title.lang} className="mt-1 text-2xl font-bold tracking-tight break-words text-slate-900 sm:text-3xl">
          {title.value}
        </h1>
        <div className="mt-2">
          <OrderStatusBadge status={order.status} />
        </div>
      </div>

      {liveNotice ? <StatusMessage tone="info">{t("updated")}</StatusMessage> : null}
      {order.openDisputeId ? (
        <div className="mt-4 flex flex-wrap items-start gap-x-3 gap-y-1 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2.5 text-sm text-amber-900">
          <Scale aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <p className="flex-1">{t("frozen")}</p>
          <Link href={`/disputes/${order.openDisputeId}`} className="font-semibold underline hover:no-underline">
            {tr("dispute.goTo")}
          </Link>
        </div>
      ) : null}

      <div className="mt-6 grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)]">
        <div className="space-y-6">
          <OrderSummary order={order} role={role} />
          {order.type === "consultation" ? <ConsultationPanel order={order} role={role} /> : null}
          {order.type === "consultation" ? <OrderPackages order={order} role={role} /> : null}
          {order.type === "files" && (role !== "moderator" || order.files) ? <OrderFiles order={order} /> : null}
          <OrderMessages order={order} viewerId={viewerId} />
        </div>
        <div className="space-y-6">
          <OrderActions order={order} onOrderChanged={applyOrder} />
          {role !== "moderator" ? <OrderDocumentsLink contactId={role === "customer" ? order.providerId : order.customerId} /> : null}
          {can("review") && !order.reviewed ? <ReviewForm orderId={order.id} onReviewed={reload} /> : null}
          {order.reviewed && role === "customer" ? <StatusMessage>{tr("review.reviewed")}</StatusMessage> : null}
          {can("dispute") && !order.openDisputeId ? (
            <OpenDisputeForm orderId={order.id} onOpened={reload} />
          ) : null}
        </div>
      </div>
    </>
  );
}

function BackLink({ sales = false }: { sales?: boolean }) {
  const t = useTranslations("order");
  return (
    <Link
      href={sales ? "/sales" : "/orders"}
      className="mb-4 inline-flex items-center gap-1.5 text-sm font-medium text-indigo-700 hover:underline"
    >
      <ArrowLeft aria-hidden="true" className="size-4" />
      {sales ? t("backSales") : t("back")}
    </Link>
  );
}
