import { useId } from "react";
import type { ReactNode, TextareaHTMLAttributes } from "react";
import { inputClassName } from "./form-field.tsx";

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> & {
  label: string;
  hint?: ReactNode;
};

/** FormField's sibling for longer text: messages, dispute reasons, reviews. */
export function TextAreaField({ label, hint, className, rows = 3, ...textAreaProps }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        rows={rows}
        aria-describedby={hint ? hintId : undefined}
        className={`${inputClassName} resize-y bg-white text-slate-900`}
        {...textAreaProps}
      />
      {hint ? (
        <p id={hintId} className="mt-1.5 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
