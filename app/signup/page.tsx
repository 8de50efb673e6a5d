import type { Metadata } from "next";
import { getPageMetadata } from "../lib/page-metadata.ts";
import { getSafeNextPath } from "../lib/safe-next-path.ts";
import { SignupForm } from "./signup-form.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("signup");
}

export default async function SignupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { phone, next } = await searchParams;
  return (
    <SignupForm initialPhone={typeof phone === "string" ? phone : ""} nextPath={getSafeNextPath(typeof next === "string" ? next : null, "/finances")} />
  );
}
