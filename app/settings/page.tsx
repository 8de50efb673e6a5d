import type { Metadata } from "next";
import { getPageMetadata } from "../lib/page-metadata.ts";
import { AccountControls } from "./account-controls.tsx";
import { AvailabilityEditor } from "./availability-editor.tsx";
import { InvitationPanel } from "./invitation-panel.tsx";
import { ProfileEditor } from "./profile-editor.tsx";
import { SettingsForm } from "./settings-form.tsx";
import { TermsEditor } from "./terms-editor.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getPageMetadata("settings");
}

export default function SettingsPage() {
  return (
    <>
      <SettingsForm />
      <AvailabilityEditor />
      <div className="mt-6">
        <TermsEditor />
      </div>
      <ProfileEditor />
      <InvitationPanel />
      <AccountControls />
    </>
  );
}
