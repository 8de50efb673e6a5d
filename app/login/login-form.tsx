"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FormEvent } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { AuthCard } from "../components/auth-card.tsx";
import { FormField } from "../components/form-field.tsx";
import { useSession } from "../components/session-provider.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { adoptAccountLanguage } from "../lib/adopt-account-language.ts";
import { apiRequest } from "../lib/api-client.ts";
import type { User } from "../lib/api-types.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";

export function LoginForm({ nextPath }: { nextPath: string }) {
  const t = useTranslations("login");
  const locale = useLocale();
  const router = useRouter();
  const describeError = useErrorMessage();
  const { setUser, refresh } = useSession();
  const [phone, setPhone] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (phone.trim() === "" || password === "") {
      setError(t("missingFields"));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const { user } = await apiRequest<{ user: User }>("/auth/login", {
        method: "POST",
        body: { phone: phone.trim(), password },
      });
      setUser(await adoptAccountLanguage(user, locale));
      void refresh();
      router.push(nextPath);
      router.refresh();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  }

  const resetHref = phone.trim() ? `/signup?phone=${encodeURIComponent(phone.trim())}` : "/signup";

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
          value={phone}
          onChange={(event) => setPhone(event.target.value)}
        />
        <FormField
          label={t("password")}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error ? <AlertMessage message={error} /> : null}
        <SubmitButton busy={busy} className="w-full">
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
          <Link href="/signup" className="font-medium text-indigo-700 hover:underline">
            {t("noAccount")}
          </Link>
        </p>
      </div>
    </AuthCard>
  );
}
