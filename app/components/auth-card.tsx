import type { ReactNode } from "react";

/** The narrow centred panel shared by the sign-up and log-in pages. */
export function AuthCard({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-md">
      <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{title}</h1>
        {lead ? <div className="mt-2 text-sm text-slate-600">{lead}</div> : null}
        <div className="mt-6">{children}</div>
      </div>
    </div>
  );
}
