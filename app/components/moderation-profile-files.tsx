"use client";

import { useState } from "react";
import { useTranslations } from "use-intl";
import { apiRequest } from "../lib/api-client.ts";
import { useApiLoad } from "../lib/use-api-load.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";
import { AlertMessage } from "./alert-message.tsx";
import { useSession } from "./session-provider.tsx";

type PendingImage = { id: string; kind: "photo" | "gallery"; url: string; userId: string; userName: string };

/** SPEC 20: profile photos and gallery images wait here, oldest first, like covers do. */
export function ModerationProfileFiles() {
  const t = useTranslations("profile");
  const describeError = useErrorMessage();
  const { session } = useSession();
  const isModerator = session.status === "authenticated" && session.user.roles.includes("moderator");
  const [items, setItems] = useState<PendingImage[]>([]);
  const [version, setVersion] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  useApiLoad<{ items: PendingImage[] }>(isModerator ? "/moderation/profile-files" : null, (loaded) => setItems(loaded.items), version);
  if (!isModerator) return null;

  async function decide(item: PendingImage, decision: "approve" | "reject", reason?: string) {
    setProblem(null);
    try {
      await apiRequest(`/moderation/profile-files/${item.id}/${decision}`, { method: "POST", body: decision === "reject" ? { reason } : undefined });
      setVersion((v) => v + 1);
    } catch (error) {
      setProblem(describeError(error));
    }
  }

  return (
    <section aria-labelledby="profile-files-heading" className="mt-10 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="profile-files-heading" className="text-lg font-semibold text-slate-900">
        {t("queueTitle")}
      </h2>
      {problem ? <AlertMessage message={problem} /> : null}
      {items.length === 0 ? <p className="mt-2 text-sm text-slate-600">{t("queueEmpty")}</p> : null}
      <ul className="mt-4 flex flex-wrap gap-4">
        {items.map((item) => (
          <li key={item.id} className="w-48 rounded-lg border border-slate-200 p-3 text-sm">
            <img src={item.url} alt={t("queueImage", { name: item.userName || item.userId })} className="aspect-square w-full rounded-md object-cover" />
            <p className="mt-1 text-slate-700">{item.kind === "photo" ? t("photo") : t("gallery")} · {item.userName}</p>
            <form
              className="mt-2 space-y-1"
              onSubmit={(event) => {
                event.preventDefault();
                void decide(item, "reject", String(new FormData(event.currentTarget).get("reason") ?? ""));
              }}
            >
              <button type="button" onClick={() => void decide(item, "approve")} className="w-full rounded-md bg-emerald-600 px-2 py-1 font-semibold text-white hover:bg-emerald-700">
                {t("approve")}
              </button>
              <label className="block text-xs">
                {t("reason")}
                <input name="reason" required className="mt-0.5 block w-full rounded border border-slate-300 px-2 py-1" />
              </label>
              <button type="submit" className="w-full rounded-md border border-red-300 px-2 py-1 font-semibold text-red-700 hover:bg-red-50">
                {t("reject")}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
