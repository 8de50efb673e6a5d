import type { Metadata } from "next";
import { getPageMetadata } from "../lib/page-metadata.ts";
import { getSafeNextPath } from "../lib/safe-next-path.ts";
import { FinancesView } from "./finances-view.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("finances");
}

type SearchParams = Record<string, string | string[] | undefined>;

function readString(params: SearchParams, key: string): string | null {
  const value = params[key];
  return typeof value === "string" ? value : null;
}

export default async function FinancesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  // `?topUp=<minor units>` comes from an order that needs exactly that much more money;
  // `?topUp=done|cancelled` is where Stripe Checkout sends the person back.
  const topUp = readString(params, "topUp");
  const prefillMinor = topUp && /^\d{1,15}$/.test(topUp) && Number(topUp) > 0 ? Number(topUp) : null;
  const returnParam = readString(params, "return");
  return (
    <FinancesView
      prefillMinor={prefillMinor}
      returnPath={returnParam ? getSafeNextPath(returnParam, "/finances") : null}
      checkout={topUp === "done" ? "success" : topUp === "cancelled" ? "cancelled" : null}
    />
  );
}
