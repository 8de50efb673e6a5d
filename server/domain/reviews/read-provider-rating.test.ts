import { describe, expect, it } from "vitest";
import { rateProvider } from "./read-provider-rating.ts";

describe("rateProvider", () => {
  it.each([
    [0, 0, 0, null],
    [5, 1, 0, 5],
    [9, 2, 0, 4.5],
    [10, 2, 1, 3.67],
    [0, 0, 2, 1],
    [4, 1, 1, 2.5],
  ])("sum %i over %i reviews with %i refusals → %s", (sum, count, refusals, average) => {
    expect(rateProvider(sum, count, refusals)).toEqual({ ratingAverage: average, ratingCount: count, refusals });
  });
});
