"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { AuthCard } from "../components/auth-card.tsx";
import { FormField } from "../components/form-field.tsx";
import { useSession } from "../components/session-provider.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { apiRequest } from "../lib/api-client.ts";
import type { User } from "../../contract/accounts.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { useHydrated } from "../lib/use-hydrated.ts";

export function LoginForm({ nextPath }: { nextPath: string }) {
  const t = useTranslations("login");
  const router = useRouter();
  const hydrated = useHydrated();
  const describeError = useErrorMessage();
  const { setUser, refresh } = useSession();
  // Only for the "forgot password" link; the form itself is read on submit, so typing
  // before the page finished loading is not lost.
  const [phoneForReset, setPhoneForReset] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const phone = String(form.get("phone") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (phone === "" || password === "") {
      setError(t("missingFields"));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const { user } = await apiRequest<{ user: User }>("/auth/login", {
        method: "POST",
        body: { phone, password },
      });
      // The server has set the locale cookie to the account's language; the refresh below
      // renders the next page in it.
      setUser(user);
      void refresh();
      router.push(nextPath);
      router.refresh();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  }

  const resetHref = phoneForReset.trim() ? `/signup?phone=${encodeURIComponent(phoneForReset.trim())}` : "/signup";

  return (
    <AuthCard title={t("title")} lead={<p>{t("lead")}</p>}>
      <form onSubmit={submit} noValidate className="space-y-5">
        <FormField
          label={t("phone")}
          type="tel"
          name="phone"
          autoComplete="tel"
          inputMode="tel"
          required
          onChange={(event) => setPhoneForReset(event.target.value)}
        />
        <FormField label={t("password")} type="password" name="password" autoComplete="current-password" required />
        {error ? <AlertMessage message={error} /> : null}
        <SubmitButton busy={busy} disabled={!hydrated} className="w-full">
          {t("submit")}
        </SubmitButton>
      </form>
      <div className="mt-6 space-y-2 text-center text-sm">
        <p>
          <Link href={resetHref} className="font-medium text-indigo-700 hover:underline">
            {t("forgot")}
          </Link>
        </p>
        <p>
          <Link href={nextPath === "/finances" ? "/signup" : `/signup?next=${encodeURIComponent(nextPath)}`} className="font-medium text-indigo-700 hover:underline">
            {t("noAccount")}
          </Link>
        </p>
      </div>
    </AuthCard>
  );
}
