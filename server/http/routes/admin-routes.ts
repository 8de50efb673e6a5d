import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppContext } from "../../context.ts";
import { verifyLedger } from "../../domain/ledger/verify-ledger.ts";
import { listPayouts } from "../../domain/wallet/list-payouts.ts";
import { markPayoutPaid } from "../../domain/wallet/mark-payout-paid.ts";
import { authenticated, requireAdmin } from "../guards.ts";
import type { HttpEnv } from "../http-env.ts";
import { Payout } from "../../../contract/wallet.ts";
import { errorResponses, jsonResponse, sessionRequired } from "../schemas.ts";

const LedgerReport = z
  .object({
    ok: z.boolean(),
    accountsSumMinor: z.number().int(),
    entriesSumMinor: z.number().int(),
    negativeCustomerAccounts: z.array(
      z.object({
        accountId: z.number().int(),
        userId: z.string().nullable(),
        orderId: z.string().nullable(),
        balanceMinor: z.number().int(),
      }),
    ),
    unbalancedTransactions: z.array(z.object({ transactionId: z.number().int(), sumMinor: z.number().int() })),
    transactionsWithoutEntries: z.array(z.number().int()),
    balanceMismatches: z.array(
      z.object({ accountId: z.number().int(), balanceMinor: z.number().int(), entriesMinor: z.number().int() }),
    ),
  })
  .openapi("LedgerReport");

const verify = createRoute({
  operationId: "verifyLedger",
  security: sessionRequired,
  method: "get",
  path: "/admin/ledger/verify",
  middleware: [authenticated] as const,
  tags: ["operations"],
  summary: "Ledger audit: sum of all accounts, negative customer accounts, unbalanced or orphan transactions",
  responses: { 200: jsonResponse(LedgerReport, "The audit"), ...errorResponses },
});

const payouts = createRoute({
  operationId: "listPayouts",
  security: sessionRequired,
  method: "get",
  path: "/admin/payouts",
  middleware: [authenticated] as const,
  tags: ["operations"],
  summary: "Payouts by status, oldest first",
  request: { query: z.object({ status: z.enum(["requested", "paid"]).default("requested") }) },
  responses: { 200: jsonResponse(z.object({ payouts: z.array(Payout) }), "Payouts"), ...errorResponses },
});

const markPaid = createRoute({
  operationId: "markPayoutPaid",
  security: sessionRequired,
  method: "post",
  path: "/admin/payouts/{id}/paid",
  middleware: [authenticated] as const,
  tags: ["operations"],
  summary: "Mark a requested payout as paid",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: jsonResponse(z.object({ payout: Payout }), "Marked paid"), ...errorResponses },
});

export function registerAdminRoutes(api: OpenAPIHono<HttpEnv>, ctx: AppContext) {
  api.openapi(verify, async (c) => {
    requireAdmin(c);
    return c.json(await verifyLedger(ctx.db), 200);
  });

  api.openapi(payouts, async (c) => {
    requireAdmin(c);
    return c.json({ payouts: await listPayouts(ctx, c.req.valid("query").status) }, 200);
  });

  api.openapi(markPaid, async (c) => {
    const admin = requireAdmin(c);
    return c.json({ payout: await markPayoutPaid(ctx, { payoutId: c.req.valid("param").id, adminId: admin.id }) }, 200);
  });
}
