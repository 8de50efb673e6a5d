import { useId } from "react";
import type { ReactNode, SelectHTMLAttributes } from "react";
import { inputClassName } from "./form-field.tsx";

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  label: string;
  hint?: ReactNode;
  children: ReactNode;
};

export function SelectField({ label, hint, className, children, ...selectProps }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} aria-describedby={hint ? hintId : undefined} className={`${inputClassName} bg-white pr-8 text-slate-900`} {...selectProps}>
        {children}
      </select>
      {hint ? (
        <div id={hintId} className="mt-1.5 text-xs text-slate-500">
          {hint}
        </div>
      ) : null}
    </div>
  );
}
