import type { Metadata } from "next";
import { getPageMetadata } from "../lib/page-metadata.ts";
import { AvailabilityEditor } from "./availability-editor.tsx";
import { SettingsForm } from "./settings-form.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("settings");
}

export default function SettingsPage() {
  return (
    <>
      <SettingsForm />
      <AvailabilityEditor />
    </>
  );
}
