import { Briefcase, FileDown, Video } from "lucide-react";
import type { TweepType } from "../../contract/common.ts";

const icons = { consultation: Video, work: Briefcase, files: FileDown } as const;

export function TweepTypeIcon({ type, className }: { type: TweepType; className?: string }) {
  const Icon = icons[type] ?? Briefcase;
  return <Icon aria-hidden="true" className={className} />;
}
