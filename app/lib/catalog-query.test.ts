import { describe, expect, it } from "vitest";
import { catalogQueryToApiPath, catalogQueryToSearch, countPages, emptyCatalogQuery, parseCatalogQuery } from "./catalog-query.ts";

describe("catalog query", () => {
  it("round-trips every filter through the address bar", () => {
    const query = {
      q: "договор",
      type: "work" as const,
      category: "law",
      lang: "ru" as const,
      minPrice: 100000,
      maxPrice: 500050,
      availableNow: true,
      sort: "price_asc" as const,
      page: 3,
    };
    const search = catalogQueryToSearch(query);
    expect(parseCatalogQuery(new URLSearchParams(search))).toEqual(query);
  });

  it("leaves defaults out of the URL", () => {
    expect(catalogQueryToSearch(emptyCatalogQuery)).toBe("");
  });

  it("ignores malformed values", () => {
    const parsed = parseCatalogQuery(new URLSearchParams("type=robot&lang=de&minPrice=1.5&page=-2&sort=random&category=%3Cx%3E"));
    expect(parsed).toEqual(emptyCatalogQuery);
  });

  it("asks the API for a page and drops relevance without words", () => {
    expect(catalogQueryToApiPath({ ...emptyCatalogQuery, sort: "relevance" })).toBe("/tweeps?pageSize=12");
    expect(catalogQueryToApiPath({ ...emptyCatalogQuery, q: "contract", page: 2 })).toBe("/tweeps?q=contract&page=2&pageSize=12");
  });

  it("counts at least one page", () => {
    expect(countPages(0, 12)).toBe(1);
    expect(countPages(13, 12)).toBe(2);
  });
});
