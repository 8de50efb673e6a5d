import type { Metadata } from "next";
import { getPageMetadata } from "../lib/page-metadata.ts";
import { getSafeNextPath } from "../lib/safe-next-path.ts";
import { LoginForm } from "./login-form.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("login");
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = await searchParams;
  return <LoginForm nextPath={getSafeNextPath(typeof next === "string" ? next : null, "/finances")} />;
}
