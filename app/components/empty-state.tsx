import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** What a list shows when it has nothing yet: a sentence, and maybe the next step. */
export function EmptyState({ icon: Icon, message, children }: { icon?: LucideIcon; message: string; children?: ReactNode }) {
  return (
    <div className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      {Icon ? <Icon aria-hidden="true" className="mx-auto mb-3 size-8 text-slate-300" /> : null}
      <p className="mx-auto max-w-md text-slate-600">{message}</p>
      {children}
    </div>
  );
}
