import { useId } from "react";
import type { InputHTMLAttributes, ReactNode } from "react";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  label: string;
  hint?: ReactNode;
  /** Text shown inside the field's right edge, such as a currency sign. */
  suffix?: string;
};

/** Shared with SelectField; the background is chosen per control (read-only fields are greyed). */
export const inputClassName =
  "block w-full rounded-lg border border-slate-300 px-3 py-2 text-base shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none disabled:bg-slate-100 disabled:text-slate-500 sm:text-sm";

/** A labelled input with an optional hint tied to it by aria-describedby. */
export function FormField({ label, hint, suffix, className, ...inputProps }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="relative">
        <input
          id={id}
          aria-describedby={hint ? hintId : undefined}
          className={`${inputClassName} ${suffix ? "pr-10" : ""} ${inputProps.readOnly ? "bg-slate-50 text-slate-600" : "bg-white text-slate-900"}`}
          {...inputProps}
        />
        {suffix ? (
          <span
            aria-hidden="true"
            className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-slate-500"
          >
            {suffix}
          </span>
        ) : null}
      </div>
      {hint ? (
        <p id={hintId} className="mt-1.5 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
