"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../../components/alert-message.tsx";
import { LoadingPanel } from "../../components/loading-panel.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import { useSession } from "../../components/session-provider.tsx";
import { apiRequest } from "../../lib/api-client.ts";
import { useErrorMessage } from "../../lib/use-error-message.ts";

type Inviter = { id: string; name: string };

/**
 * SPEC 20: where a provider's invitation link leads. A visitor signs up or logs in and comes
 * back here; a logged-in visitor takes the invitation at once and lands on the provider's page,
 * with the provider in "My providers".
 */
export function InvitationLanding({ code }: { code: string }) {
  const t = useTranslations("people");
  const describeError = useErrorMessage();
  const router = useRouter();
  const { session } = useSession();
  const [inviter, setInviter] = useState<Inviter | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    apiRequest<{ provider: Inviter }>(`/invitations/${encodeURIComponent(code)}`, { signal: controller.signal })
      .then(({ provider }) => setInviter(provider))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setProblem(describeError(error));
      });
    return () => controller.abort();
  }, [code, describeError]);

  const authenticated = session.status === "authenticated";
  useEffect(() => {
    if (!authenticated || !inviter) return;
    apiRequest(`/invitations/${encodeURIComponent(code)}/accept`, { method: "POST" })
      .then(() => router.replace(`/providers/${inviter.id}`))
      .catch((error: unknown) => setProblem(describeError(error)));
  }, [authenticated, inviter, code, router, describeError]);

  const here = `/i/${encodeURIComponent(code)}`;
  return (
    <>
      <PageHeading title={inviter ? t("invitedBy", { name: inviter.name || t("noName") }) : t("invitationTitle")} lead={inviter ? t("invitationLead") : undefined} />
      {problem ? <AlertMessage message={problem} /> : null}
      {!inviter && !problem ? <LoadingPanel /> : null}
      {inviter && session.status === "anonymous" ? (
        <div className="flex flex-wrap gap-3">
          <Link href={`/signup?next=${encodeURIComponent(here)}`} className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700">
            {t("invitationSignUp")}
          </Link>
          <Link href={`/login?next=${encodeURIComponent(here)}`} className="rounded-lg border border-slate-300 px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50">
            {t("invitationLogIn")}
          </Link>
        </div>
      ) : null}
      {inviter && authenticated && !problem ? <LoadingPanel /> : null}
    </>
  );
}
