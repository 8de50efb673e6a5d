import { z } from "@hono/zod-openapi";

// SPEC 16 shared documents: one folder per pair of people with dealings together.

export const SharedDocument = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    /** The viewer uploaded it (and so may delete it); otherwise the other person did. */
    uploadedByMe: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("SharedDocument");
export type SharedDocument = z.infer<typeof SharedDocument>;

export const DocumentFolder = z
  .object({
    contact: z.object({ id: z.uuid(), name: z.string() }),
    items: z.array(SharedDocument),
  })
  .openapi("DocumentFolder");
export type DocumentFolder = z.infer<typeof DocumentFolder>;

/** A signed download link for the user who asked, valid 5 minutes. */
export const DocumentLink = z.object({ url: z.string(), expiresAt: z.string() }).openapi("DocumentLink");
export type DocumentLink = z.infer<typeof DocumentLink>;
