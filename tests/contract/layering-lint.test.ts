import { ESLint } from "eslint";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The layering of docs/architecture.md is enforced by eslint.config.js. These fixtures are
// linted as text with the project's own configuration, placed as if in the folder they
// stand for; they are never written to disk, so the normal lint run does not see them.
const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((message) => message.ruleId === "@typescript-eslint/no-restricted-imports");
}

describe("lint enforces the layering", () => {
  it("refuses a domain file importing the live transport", async () => {
    const errors = await restrictedImports(
      "server/domain/orders/lint-fixture.ts",
      'import { watchRoom } from "../../realtime/socket-handlers.ts";\nexport const room = watchRoom("x");\n',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain("imports no transport");
  });

  it("refuses a domain file importing an HTTP route, a process file or the environment reader", async () => {
    const errors = await restrictedImports(
      "server/domain/orders/lint-fixture.ts",
      [
        'import { registerOrderRoutes } from "../../http/routes/order-routes.ts";',
        'import { startServer } from "../../start-server.ts";',
        'import { loadConfig } from "../../env.ts";',
        "export const all = [registerOrderRoutes, startServer, loadConfig];",
        "",
      ].join("\n"),
    );
    expect(errors.map((error) => error.line)).toEqual([1, 2, 3]);
  });

  it("refuses a page importing server code", async () => {
    const errors = await restrictedImports(
      "app/orders/lint-fixture.tsx",
      'import { placeOrder } from "../../server/domain/orders/place-order.ts";\nexport const place = placeOrder;\n',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain("Pages import only contract/");
  });

  it("refuses a value import of the contract in a page, and accepts a type import", async () => {
    const value = await restrictedImports(
      "app/orders/lint-fixture.tsx",
      'import { OrderDetail } from "../../contract/orders.ts";\nexport const schema = OrderDetail;\n',
    );
    expect(value).toHaveLength(1);
    expect(value[0]?.message).toContain("only types from contract/");
    const type = await restrictedImports(
      "app/orders/lint-fixture.tsx",
      'import type { OrderDetail } from "../../contract/orders.ts";\nexport type Detail = OrderDetail;\n',
    );
    expect(type).toEqual([]);
  });

  it("refuses media/ importing the database", async () => {
    const errors = await restrictedImports("media/lint-fixture.ts", 'import { openDatabase } from "../db/client.ts";\nexport const open = openDatabase;\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain("imports nothing of the app");
  });

  it("accepts a clean domain file and a clean page", async () => {
    const domain = await restrictedImports(
      "server/domain/orders/lint-fixture.ts",
      [
        'import type { AppContext } from "../../context.ts";',
        'import type { OrderDetail } from "../../../contract/orders.ts";',
        'import { withTransaction } from "../../../db/with-transaction.ts";',
        "export const use = (ctx: AppContext, order: OrderDetail) => withTransaction(ctx.db, async () => order.id);",
        "",
      ].join("\n"),
    );
    expect(domain).toEqual([]);
    const page = await restrictedImports(
      "app/orders/lint-fixture.tsx",
      'import type { OrderDetail } from "../../contract/orders.ts";\nimport { formatMoney } from "../lib/format-money.ts";\nexport const show = (order: OrderDetail) => formatMoney(order.priceMinor, "RUB", "en");\n',
    );
    expect(page).toEqual([]);
  });
});
