"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { FormField } from "../components/form-field.tsx";
import { useSession } from "../components/session-provider.tsx";
import { ApiError, apiRequest } from "../lib/api-client.ts";
import type { User } from "../../contract/accounts.ts";
import { formatDateTime } from "../lib/format-date-time.ts";
import { useApiLoad } from "../lib/use-api-load.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { useViewerTimeZone } from "../lib/use-order-helpers.ts";

type AuthSession = { id: string; createdAt: string; expiresAt: string; userAgent: string | null; current: boolean };

const field = (event: FormEvent<HTMLFormElement>, name: string) => String(new FormData(event.currentTarget).get(name) ?? "");
const buttonClass = "rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-60";
const sectionClass = "mt-10 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm";

/** SPEC 20: the account's own controls: phone, password, sessions, export, deletion. */
export function AccountControls() {
  const t = useTranslations("account");
  const locale = useLocale();
  const timeZone = useViewerTimeZone();
  const describeError = useErrorMessage();
  const router = useRouter();
  const { setUser, signOut } = useSession();
  const [status, setStatus] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [newPhone, setNewPhone] = useState<string | null>(null);
  const [sessions, setSessions] = useState<AuthSession[]>([]);
  const [version, setVersion] = useState(0);
  useApiLoad<{ items: AuthSession[] }>("/me/sessions", (loaded) => setSessions(loaded.items), version);

  async function run(action: () => Promise<string>) {
    setProblem(null);
    setStatus(null);
    try {
      setStatus(await action());
    } catch (error) {
      if (error instanceof ApiError && error.code === "conflict" && typeof error.details?.reason === "string") {
        setProblem(t(`refusal.${error.details.reason}` as "refusal.money_held"));
      } else {
        setProblem(describeError(error));
      }
    }
  }

  return (
    <section aria-labelledby="account-heading" className={sectionClass}>
      <h2 id="account-heading" className="text-lg font-semibold text-slate-900">
        {t("title")}
      </h2>
      <div className="mt-2 space-y-2" aria-live="polite">
        {status ? <p role="status" className="text-sm text-emerald-700">{status}</p> : null}
        {problem ? <AlertMessage message={problem} /> : null}
      </div>

      <h3 className="mt-6 font-semibold text-slate-900">{t("phoneTitle")}</h3>
      {newPhone === null ? (
        <form
          className="mt-2 flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            const phone = field(event, "phone");
            void run(async () => {
              const sent = await apiRequest<{ phone: string }>("/me/phone", { body: { phone } });
              setNewPhone(sent.phone);
              return t("codeSent");
            });
          }}
        >
          <FormField label={t("newPhone")} name="phone" type="tel" autoComplete="tel" required />
          <button type="submit" className={buttonClass}>
            {t("sendCode")}
          </button>
        </form>
      ) : (
        <form
          className="mt-2 flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            const code = field(event, "code");
            void run(async () => {
              const { user } = await apiRequest<{ user: User }>("/me/phone/confirm", { body: { phone: newPhone, code } });
              setUser(user);
              setNewPhone(null);
              return t("phoneChanged");
            });
          }}
        >
          <FormField label={t("code")} name="code" inputMode="numeric" autoComplete="one-time-code" required />
          <button type="submit" className={buttonClass}>
            {t("confirmPhone")}
          </button>
        </form>
      )}

      <h3 className="mt-6 font-semibold text-slate-900">{t("passwordTitle")}</h3>
      <form
        className="mt-2 flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          const currentPassword = field(event, "currentPassword");
          const newPassword = field(event, "newPassword");
          const target = event.currentTarget;
          void run(async () => {
            const { endedSessions } = await apiRequest<{ endedSessions: number }>("/me/password", { body: { currentPassword, newPassword } });
            target.reset();
            setVersion((v) => v + 1);
            return t("passwordChanged", { count: endedSessions });
          });
        }}
      >
        <FormField label={t("currentPassword")} name="currentPassword" type="password" autoComplete="current-password" required />
        <FormField label={t("newPassword")} name="newPassword" type="password" autoComplete="new-password" minLength={8} required />
        <button type="submit" className={buttonClass}>
          {t("changePassword")}
        </button>
      </form>

      <h3 className="mt-6 font-semibold text-slate-900">{t("sessionsTitle")}</h3>
      <ul className="mt-2 divide-y divide-slate-100 text-sm">
        {sessions.map((session) => (
          <li key={session.id} className="flex flex-wrap items-center gap-3 py-2">
            <span className="min-w-0 flex-1 truncate text-slate-700">
              {session.userAgent ?? t("unknownBrowser")} · {formatDateTime(session.createdAt, locale, timeZone)}
              {session.current ? ` · ${t("thisSession")}` : ""}
            </span>
            {session.current ? null : (
              <button
                type="button"
                className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-50"
                onClick={() =>
                  void run(async () => {
                    await apiRequest(`/me/sessions/${session.id}`, { method: "DELETE" });
                    setVersion((v) => v + 1);
                    return t("sessionEnded");
                  })
                }
              >
                {t("endSession")}
              </button>
            )}
          </li>
        ))}
      </ul>

      <h3 className="mt-6 font-semibold text-slate-900">{t("dataTitle")}</h3>
      <div className="mt-2 flex flex-wrap gap-3">
        <a href="/api/v1/me/export" download="tweeps-my-data.json" className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50">
          {t("export")}
        </a>
        <button
          type="button"
          className="rounded-lg border border-red-300 px-3 py-1.5 text-sm font-semibold text-red-700 hover:bg-red-50"
          onClick={() => {
            if (!window.confirm(t("deleteConfirm"))) return;
            void run(async () => {
              await apiRequest("/me", { method: "DELETE" });
              signOut();
              router.push("/");
              return t("deleted");
            });
          }}
        >
          {t("delete")}
        </button>
      </div>
    </section>
  );
}
