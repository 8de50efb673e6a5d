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
import { apiRequest } from "../lib/api-client.ts";
import type { User } from "../../contract/accounts.ts";
import { keepInterfaceLanguage } from "../lib/keep-interface-language.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { useHydrated } from "../lib/use-hydrated.ts";

type CodeSent = { phone: string; expiresInSeconds: number };

const minPasswordLength = 10;

// Fields are read from the form when it is submitted rather than mirrored in state, so
// whatever was typed before the page finished loading is not lost.
function readField(event: FormEvent<HTMLFormElement>, name: string): string {
  const value = new FormData(event.currentTarget).get(name);
  return typeof value === "string" ? value : "";
}

export function SignupForm({ initialPhone, nextPath }: { initialPhone: string; nextPath: string }) {
  const t = useTranslations("signup");
  const locale = useLocale();
  const router = useRouter();
  const hydrated = useHydrated();
  const describeError = useErrorMessage();
  const { setUser, refresh } = useSession();

  const [phone, setPhone] = useState(initialPhone);
  const [sent, setSent] = useState<CodeSent | null>(null);
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
    const typed = readField(event, "phone").trim();
    setPhone(typed);
    if (typed === "") {
      setError(t("phoneRequired"));
      return;
    }
    void sendCode(typed, "send");
  }

  async function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!sent) return;
    const code = readField(event, "code").replace(/\D/g, "");
    const password = readField(event, "password");
    if (code === "") {
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
        body: { phone: sent.phone, code, password },
      });
      setUser(await keepInterfaceLanguage(user, locale));
      // The balance arrives with the full session; the page change need not wait for it.
      void refresh();
      router.push(nextPath);
      router.refresh();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(null);
    }
  }

  function changePhone() {
    setSent(null);
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
            defaultValue={phone}
          />
          {error ? <AlertMessage message={error} /> : null}
          <SubmitButton busy={busy === "send"} disabled={!hydrated} className="w-full">
            {t("sendCode")}
          </SubmitButton>
        </form>
        <p className="mt-6 text-center text-sm text-slate-600">
          <Link href={nextPath === "/finances" ? "/login" : `/login?next=${encodeURIComponent(nextPath)}`} className="font-medium text-indigo-700 hover:underline">
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
          pattern="[0-9]*"
          maxLength={6}
          required
          autoFocus
        />
        <FormField
          label={t("password")}
          hint={t("passwordHint")}
          type="password"
          name="password"
          autoComplete="new-password"
          minLength={minPasswordLength}
          required
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
