import type { Metadata } from "next";
import { TweepEditor } from "../../components/tweep-editor-form.tsx";
import { TweepPackagesEditor } from "../../components/tweep-packages-editor.tsx";
import { getTweepPageMetadata } from "../../lib/tweep-page-metadata.ts";

export function generateMetadata(): Promise<Metadata> {
  return getTweepPageMetadata("editTweep");
}

export default async function EditTweepPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <TweepEditor key={id} tweepId={id} />
      <TweepPackagesEditor tweepId={id} />
    </>
  );
}
