import { CircleCheck, Info } from "lucide-react";
import type { ReactNode } from "react";

/** A polite confirmation ("Saved", "Top-up completed") announced without interrupting. */
export function StatusMessage({ children, tone = "success" }: { children: ReactNode; tone?: "success" | "info" }) {
  const Icon = tone === "success" ? CircleCheck : Info;
  return (
    <div
      role="status"
      className={
        tone === "success"
          ? "flex items-start gap-2 rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2.5 text-sm text-emerald-800"
          : "flex items-start gap-2 rounded-lg border border-sky-200 bg-sky-50 px-3 py-2.5 text-sm text-sky-900"
      }
    >
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div>{children}</div>
    </div>
  );
}
