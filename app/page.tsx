import { Suspense } from "react";
import { CatalogIntro } from "./components/catalog-intro.tsx";
import { LoadingPanel } from "./components/loading-panel.tsx";
import { TweepCatalog } from "./components/tweep-catalog.tsx";

export default function HomePage() {
  return (
    <>
      <CatalogIntro />
      {/* The catalog reads its search from the address bar, which exists only in the browser. */}
      <Suspense fallback={<LoadingPanel />}>
        <TweepCatalog />
      </Suspense>
    </>
  );
}
