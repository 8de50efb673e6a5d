import type { Metadata } from "next";
import { getTweepPageMetadata } from "../lib/tweep-page-metadata.ts";
import { MyTweepsList } from "./my-tweeps-list.tsx";

export function generateMetadata(): Promise<Metadata> {
  return getTweepPageMetadata("myTweeps");
}

export default function MyTweepsPage() {
  return <MyTweepsList />;
}
