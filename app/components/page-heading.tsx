import type { ReactNode } from "react";

export function PageHeading({ title, lead }: { title: string; lead?: ReactNode }) {
  return (
    <div className="mb-8">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{title}</h1>
      {lead ? <p className="mt-2 max-w-2xl text-slate-600">{lead}</p> : null}
    </div>
  );
}
