"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FormEvent } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { AuthCard } from "../components/auth-card.tsx";
import { DevOutboxNotice } from "../components/dev-outbox-notice.tsx";
import { FormField } from "../components/form-field.tsx";
import { useSession } from "../components/session-provider.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { SubmitButton } from "../components/submit-button.tsx";
import { adoptAccountLanguage } from "../lib/adopt-account-language.ts";
import { apiRequest } from "../lib/api-client.ts";
import type { User } from "../lib/api-types.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";

type CodeSent = { phone: string; expiresInSeconds: number };

const minPasswordLength = 8;

export function SignupForm({ initialPhone }: { initialPhone: string }) {
  const t = useTranslations("signup");
  const locale = useLocale();
  const router = useRouter();
  const describeError = useErrorMessage();
  const { setUser, refresh } = useSession();

  const [phone, setPhone] = useState(initialPhone);
  const [sent, setSent] = useState<CodeSent | null>(null);
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState<"send" | "resend" | "verify" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resent, setResent] = useState(false);

  async function sendCode(target: string, mode: "send" | "resend") {
    setError(null);
    setResent(false);
    setBusy(mode);
    try {
      const result = await apiRequest<CodeSent>("/auth/register", { method: "POST", body: { phone: target } });
      setSent(result);
      if (mode === "resend") setResent(true);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(null);
    }
  }

  function submitPhone(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (phone.trim() === "") {
      setError(t("phoneRequired"));
      return;
    }
    void sendCode(phone.trim(), "send");
  }

  async function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!sent) return;
    if (code.trim() === "") {
      setError(t("codeRequired"));
      return;
    }
    if (password.length < minPasswordLength) {
      setError(t("passwordTooShort"));
      return;
    }
    setError(null);
    setBusy("verify");
    try {
      const { user } = await apiRequest<{ user: User }>("/auth/verify", {
        method: "POST",
        body: { phone: sent.phone, code: code.trim(), password },
      });
      setUser(await adoptAccountLanguage(user, locale));
      // The balance arrives with the full session; the page change need not wait for it.
      void refresh();
      router.push("/finances");
      router.refresh();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(null);
    }
  }

  function changePhone() {
    setSent(null);
    setCode("");
    setPassword("");
    setError(null);
    setResent(false);
  }

  if (!sent) {
    return (
      <AuthCard title={t("title")} lead={<p>{t("lead")}</p>}>
        <form onSubmit={submitPhone} noValidate className="space-y-5">
          <FormField
            label={t("phone")}
            hint={t("phoneHint")}
            type="tel"
            name="phone"
            autoComplete="tel"
            inputMode="tel"
            required
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
          />
          {error ? <AlertMessage message={error} /> : null}
          <SubmitButton busy={busy === "send"} className="w-full">
            {t("sendCode")}
          </SubmitButton>
        </form>
        <p className="mt-6 text-center text-sm text-slate-600">
          <Link href="/login" className="font-medium text-indigo-700 hover:underline">
            {t("haveAccount")}
          </Link>
        </p>
        <DevOutboxNotice />
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={t("title")}
      lead={
        <>
          <p>{t("leadCode", { phone: sent.phone })}</p>
          <p className="mt-1">{t("expires", { minutes: Math.max(1, Math.round(sent.expiresInSeconds / 60)) })}</p>
        </>
      }
    >
      <form onSubmit={submitCode} noValidate className="space-y-5">
        <FormField
          label={t("code")}
          hint={t("codeHint")}
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={6}
          required
          autoFocus
          value={code}
          onChange={(event) => setCode(event.target.value.replace(/\D/g, ""))}
        />
        <FormField
          label={t("password")}
          hint={t("passwordHint")}
          type="password"
          name="password"
          autoComplete="new-password"
          minLength={minPasswordLength}
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error ? <AlertMessage message={error} /> : null}
        {resent ? <StatusMessage>{t("resent")}</StatusMessage> : null}
        <SubmitButton busy={busy === "verify"} disabled={busy !== null && busy !== "verify"} className="w-full">
          {t("createAccount")}
        </SubmitButton>
        <p className="text-xs text-slate-500">{t("resetNote")}</p>
      </form>
      <div className="mt-6 flex flex-wrap justify-between gap-3 text-sm">
        <button type="button" onClick={changePhone} className="font-medium text-indigo-700 hover:underline">
          {t("changePhone")}
        </button>
        <button
          type="button"
          onClick={() => void sendCode(sent.phone, "resend")}
          disabled={busy !== null}
          aria-busy={busy === "resend" || undefined}
          className="font-medium text-indigo-700 hover:underline disabled:text-slate-400"
        >
          {t("resend")}
        </button>
      </div>
      <DevOutboxNotice />
    </AuthCard>
  );
}
