// `?next=` and `?return=` come from the address bar, so anyone can craft them. Only a
// path on this site is followed; anything that could leave the site ("//evil.example",
// "https://…", "/\evil") falls back to the default.

const base = "http://tweeps.invalid";

export function getSafeNextPath(candidate: string | null | undefined, fallback: string): string {
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) {
    return fallback;
  }
  try {
    const url = new URL(candidate, base);
    if (url.origin !== base) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
