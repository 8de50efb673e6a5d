"use client";

import { type FormEvent, useState } from "react";
import { useTranslations } from "use-intl";
import { AlertMessage } from "../components/alert-message.tsx";
import { FormField } from "../components/form-field.tsx";
import { ApiError, apiRequest } from "../lib/api-client.ts";
import { useApiLoad } from "../lib/use-api-load.ts";
import { useErrorMessage } from "../lib/use-error-message.ts";

type ProfileFile = { id: string; kind: "photo" | "gallery"; status: "pending" | "approved" | "rejected"; url: string; rejectionReason: string | null };
type MyProfile = {
  bio: { ru?: string; en?: string };
  experience: string;
  education: string;
  languages: string[];
  region: string | null;
  photo: ProfileFile | null;
  photoUnderReview: ProfileFile | null;
  gallery: ProfileFile[];
};

const LANGUAGES = ["ru", "en", "de", "fr", "es", "zh"] as const;
const areaClass = "mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm";
const buttonClass = "rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-60";

async function uploadImage(path: string, file: File) {
  const form = new FormData();
  form.set("file", file);
  const response = await fetch(`/api/v1${path}`, { method: "POST", body: form, credentials: "same-origin" });
  if (!response.ok) {
    const answer = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(response.status, answer?.error?.code ?? "internal", answer?.error?.message ?? "");
  }
}

/** SPEC 20: the provider's profile. Texts are saved at once; photos wait for a moderator. */
export function ProfileEditor() {
  const t = useTranslations("profile");
  const describeError = useErrorMessage();
  const [profile, setProfile] = useState<MyProfile | null>(null);
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useApiLoad<{ profile: MyProfile }>("/me/profile", (loaded) => setProfile(loaded.profile), version);

  async function run(action: () => Promise<unknown>, done: string) {
    setProblem(null);
    setStatus(null);
    try {
      await action();
      setStatus(done);
      setVersion((v) => v + 1);
    } catch (error) {
      setProblem(describeError(error));
    }
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "");
    const body = {
      bio: { ru: text("bioRu"), en: text("bioEn") },
      experience: text("experience"),
      education: text("education"),
      languages: data.getAll("languages").map(String),
      region: text("region") || null,
    };
    void run(() => apiRequest("/me/profile", { method: "PATCH", body }), t("saved"));
  }

  function pick(path: string) {
    return (event: FormEvent<HTMLInputElement>) => {
      const file = event.currentTarget.files?.[0];
      const input = event.currentTarget;
      if (!file) return;
      void run(async () => {
        await uploadImage(path, file);
        input.value = "";
      }, t("uploaded"));
    };
  }

  const statusLabel = (file: ProfileFile) =>
    file.status === "approved" ? t("approved") : file.status === "pending" ? t("pending") : t("rejected", { reason: file.rejectionReason ?? "" });

  return (
    <section id="profile" aria-labelledby="profile-heading" className="mt-10 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="profile-heading" className="text-lg font-semibold text-slate-900">
        {t("editorTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("editorLead")}</p>
      <div className="mt-2 space-y-2" aria-live="polite">
        {status ? <p role="status" className="text-sm text-emerald-700">{status}</p> : null}
        {problem ? <AlertMessage message={problem} /> : null}
      </div>
      {profile ? (
        <>
          <div className="mt-4 flex flex-wrap items-start gap-6">
            <div>
              <h3 className="text-sm font-semibold text-slate-900">{t("photo")}</h3>
              {profile.photo ? <img src={profile.photo.url} alt={t("currentPhoto")} className="mt-2 size-24 rounded-full object-cover" /> : null}
              {profile.photoUnderReview ? (
                <p className="mt-2 text-xs text-slate-600">
                  {t("newPhoto")}: {statusLabel(profile.photoUnderReview)}
                </p>
              ) : null}
              <label className="mt-2 block text-sm font-medium text-slate-700">
                {t("uploadPhoto")}
                <input type="file" accept=".png,.jpg,.jpeg,.webp" onChange={pick("/me/profile/photo")} className="mt-1 block w-full max-w-full text-sm" />
              </label>
            </div>
            <div className="min-w-0 flex-1">
              <h3 className="text-sm font-semibold text-slate-900">{t("gallery")}</h3>
              <ul className="mt-2 flex flex-wrap gap-2">
                {profile.gallery.map((file, index) => (
                  <li key={file.id} className="text-xs text-slate-600">
                    <img src={file.url} alt={t("galleryImage", { index: index + 1 })} className="size-20 rounded-lg object-cover" />
                    <span className="block">{statusLabel(file)}</span>
                    <button type="button" className="text-red-700 hover:underline" onClick={() => void run(() => apiRequest(`/me/profile/gallery/${file.id}`, { method: "DELETE" }), t("removed"))}>
                      {t("remove")}
                    </button>
                  </li>
                ))}
              </ul>
              {profile.gallery.length < 6 ? (
                <label className="mt-2 block text-sm font-medium text-slate-700">
                  {t("addImage")}
                  <input type="file" accept=".png,.jpg,.jpeg,.webp" onChange={pick("/me/profile/gallery")} className="mt-1 block w-full max-w-full text-sm" />
                </label>
              ) : null}
            </div>
          </div>
          <form key={version} onSubmit={save} className="mt-6 space-y-3">
            <label className="block text-sm font-medium text-slate-700">
              {t("bioRu")}
              <textarea name="bioRu" rows={3} maxLength={4000} defaultValue={profile.bio.ru ?? ""} className={areaClass} />
            </label>
            <label className="block text-sm font-medium text-slate-700">
              {t("bioEn")}
              <textarea name="bioEn" rows={3} maxLength={4000} defaultValue={profile.bio.en ?? ""} className={areaClass} />
            </label>
            <label className="block text-sm font-medium text-slate-700">
              {t("experience")}
              <textarea name="experience" rows={2} maxLength={4000} defaultValue={profile.experience} className={areaClass} />
            </label>
            <label className="block text-sm font-medium text-slate-700">
              {t("education")}
              <textarea name="education" rows={2} maxLength={4000} defaultValue={profile.education} className={areaClass} />
            </label>
            <fieldset>
              <legend className="text-sm font-medium text-slate-700">{t("languages")}</legend>
              <div className="mt-1 flex flex-wrap gap-3">
                {LANGUAGES.map((code) => (
                  <label key={code} className="inline-flex items-center gap-1 text-sm">
                    <input type="checkbox" name="languages" value={code} defaultChecked={profile.languages.includes(code)} />
                    {code}
                  </label>
                ))}
              </div>
            </fieldset>
            <FormField label={t("region")} name="region" maxLength={100} defaultValue={profile.region ?? ""} />
            <button type="submit" className={buttonClass}>
              {t("save")}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}
