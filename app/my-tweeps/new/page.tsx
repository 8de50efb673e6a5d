import type { Metadata } from "next";
import { TweepEditor } from "../../components/tweep-editor-form.tsx";
import { getTweepPageMetadata } from "../../lib/tweep-page-metadata.ts";

export function generateMetadata(): Promise<Metadata> {
  return getTweepPageMetadata("newTweep");
}

export default function NewTweepPage() {
  return <TweepEditor tweepId={null} />;
}
