"use client";

import { useTranslations } from "use-intl";
import { PageHeading } from "../components/page-heading.tsx";
import { useSession } from "../components/session-provider.tsx";
import { LoadingPanel } from "../components/loading-panel.tsx";
import { AppointmentRequestsSection } from "./appointment-requests-section.tsx";
import { CallsSection } from "./calls-section.tsx";
import { CustomersSection } from "./customers-section.tsx";
import { QueueSection } from "./queue-section.tsx";
import { StatsSection } from "./stats-section.tsx";

/** The provider's panel (SPEC 15, 18): the queue, today's calls, customers, statistics. */
export function DashboardView() {
  const t = useTranslations("dashboard");
  const { session } = useSession();
  if (session.status === "loading") return <LoadingPanel />;
  // Signed out: the calls' load sends the visitor to the login page and back.
  if (session.status !== "authenticated") return <CallsSection />;
  return (
    <>
      <PageHeading title={t("title")} lead={t("lead")} />
      <div className="grid gap-6 lg:grid-cols-2">
        <QueueSection providerId={session.user.id} />
        <CallsSection />
      </div>
      <div className="mt-6 space-y-6">
        <AppointmentRequestsSection />
        <StatsSection />
        <CustomersSection />
      </div>
    </>
  );
}
