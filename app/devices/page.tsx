import type { Metadata } from "next";
import { getPageMetadata } from "../lib/page-metadata.ts";
import { DeviceCheck } from "./device-check.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("devices");
}

export default function DevicesPage() {
  return <DeviceCheck />;
}
