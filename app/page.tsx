import { HomeIntro } from "./components/home-intro.tsx";
import { TweepCatalog } from "./components/tweep-catalog.tsx";

export default function HomePage() {
  return (
    <>
      <HomeIntro />
      <TweepCatalog />
    </>
  );
}
