// The fixed list of catalog categories (SPEC 2). Ids are stored on tweeps and used in
// query strings; names are shown to people. Adding one is a code change, removing one
// needs a data migration of the tweeps that use it.
export const tweepCategories = [
  { id: "law", name: { ru: "Право", en: "Law" } },
  { id: "finance", name: { ru: "Финансы и налоги", en: "Finance and taxes" } },
  { id: "business", name: { ru: "Бизнес и маркетинг", en: "Business and marketing" } },
  { id: "it", name: { ru: "IT и программирование", en: "IT and programming" } },
  { id: "design", name: { ru: "Дизайн", en: "Design" } },
  { id: "education", name: { ru: "Образование и языки", en: "Education and languages" } },
  { id: "health", name: { ru: "Здоровье и спорт", en: "Health and fitness" } },
  { id: "psychology", name: { ru: "Психология", en: "Psychology" } },
  { id: "career", name: { ru: "Карьера", en: "Career" } },
  { id: "home", name: { ru: "Дом и ремонт", en: "Home and repair" } },
  { id: "other", name: { ru: "Другое", en: "Other" } },
] as const;

export type TweepCategory = (typeof tweepCategories)[number]["id"];

export const tweepCategoryIds = tweepCategories.map((category) => category.id) as [TweepCategory, ...TweepCategory[]];
