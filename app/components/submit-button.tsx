import { LoaderCircle } from "lucide-react";
import type { ButtonHTMLAttributes, ReactNode } from "react";

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "children"> & {
  busy?: boolean;
  variant?: "primary" | "secondary";
  icon?: ReactNode;
  children: ReactNode;
};

const variants = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-700 disabled:bg-indigo-400 focus-visible:outline-indigo-600",
  secondary:
    "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 disabled:text-slate-400 focus-visible:outline-indigo-600",
};

/**
 * A button that stays named the same while it waits (tests and screen readers find it by
 * name), and says it is busy with aria-busy, a spinner and being disabled.
 */
export function SubmitButton({ busy = false, variant = "primary", icon, children, className, disabled, ...rest }: Props) {
  return (
    <button
      type="submit"
      {...rest}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      className={`inline-flex min-h-10 items-center justify-center gap-2 rounded-lg px-4 py-2 text-sm font-semibold shadow-sm transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed ${variants[variant]} ${className ?? ""}`}
    >
      {busy ? <LoaderCircle aria-hidden="true" className="size-4 animate-spin" /> : icon}
      {children}
    </button>
  );
}
