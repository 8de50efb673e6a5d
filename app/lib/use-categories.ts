"use client";

import { useEffect, useState } from "react";
import { apiRequest } from "./api-client.ts";
import type { Category } from "../../contract/tweeps.ts";

// The category list is fixed in code on the server, so one request per page load serves
// every component that asks; a failure is retried by the next one.
let categoriesPromise: Promise<Category[]> | null = null;

function loadCategories(): Promise<Category[]> {
  categoriesPromise ??= apiRequest<{ items: Category[] }>("/categories")
    .then((body) => body.items)
    .catch((error: unknown) => {
      categoriesPromise = null;
      console.error("Could not load /api/v1/categories", error);
      return [];
    });
  return categoriesPromise;
}

export function useCategories(): Category[] {
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    let live = true;
    void loadCategories().then((loaded) => {
      if (live) setCategories(loaded);
    });
    return () => {
      live = false;
    };
  }, []);
  return categories;
}
