import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../server/domain/accounts/auth-sessions.ts";
import { publishConsultation } from "../fixtures/live-fixtures.ts";
import { randomPhone, registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

// A client generated from the served document by a maintained generator, compiled by the
// TypeScript compiler and then run against the same server: proves the document is usable
// as a contract (operation names, bodies, responses and the session cookie).

let server: TestServer;
let doc: any;
let dir: string;
beforeAll(async () => {
  server = await startTestServer();
  const answer = await server.client().get("/api/v1/openapi.json");
  expect(answer.status).toBe(200);
  doc = answer.json;
  dir = await mkdtemp(path.join(tmpdir(), "tweeps-openapi-"));
});
afterAll(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const METHODS = ["get", "put", "post", "patch", "delete"] as const;

function operationsOf(document: any) {
  return Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([route, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ route, method, operation: item[method] })),
  );
}

// Uses the generated `paths` and `operations` types the way an application would.
const CLIENT = `
import type { operations, paths } from "./api";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;
export type LoginBody = Json<operations["logIn"]["requestBody"]>;
export type Me = Json<operations["getMe"]["responses"][200]>;
export type CreateOrderBody = Json<paths["/orders"]["post"]["requestBody"]>;
export type CreatedOrder = Json<operations["createOrder"]["responses"][201]>;
export type ApiError = Json<operations["createOrder"]["responses"][409]>;

export function createClient(baseUrl: string) {
  let cookie = "";
  async function call(method: string, route: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const response = await fetch(baseUrl + "/api/v1" + route, {
      method,
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith("${SESSION_COOKIE}="));
    if (setCookie) cookie = setCookie.split(";")[0]!;
    return { status: response.status, json: await response.json() };
  }
  return {
    async logIn(body: LoginBody): Promise<number> {
      return (await call("POST", "/auth/login", body)).status;
    },
    async getMe(): Promise<Me> {
      return (await call("GET", "/me")).json as Me;
    },
    async createOrder(body: CreateOrderBody): Promise<{ status: number; order?: CreatedOrder["order"]; error?: ApiError["error"] }> {
      const answer = await call("POST", "/orders", body);
      if (answer.status === 201) return { status: 201, order: (answer.json as CreatedOrder).order };
      return { status: answer.status, error: (answer.json as ApiError).error };
    },
  };
}

export async function orderOnce(baseUrl: string, phone: string, password: string, tweepId: string) {
  const client = createClient(baseUrl);
  const loggedIn: number = await client.logIn({ phone, password });
  const me = await client.getMe();
  const name: string = me.user.name;
  const language: "ru" | "en" = me.user.language;
  const placed = await client.createOrder({ tweepId, medium: "video" });
  const status: string | undefined = placed.order?.status;
  const code: string | undefined = placed.error?.code;
  return { loggedIn, userId: me.user.id, name, language, placedStatus: placed.status, status, code };
}
`;

// Mistakes the generated types must catch: a misspelt operation, a wrong field type, a missing field.
const BROKEN_CLIENT = `
import type { operations, paths } from "./api";
type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;
export const wrongType: Json<paths["/orders"]["post"]["requestBody"]> = { tweepId: 42 };
export const missingField: Json<operations["logIn"]["requestBody"]> = { phone: "+79990000001" };
export type Misspelt = operations["creatOrder"];
`;

function compile(files: string[]) {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
    skipLibCheck: false,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    file: d.file ? path.normalize(d.file.fileName) : undefined,
    text: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
  }));
}

describe("OpenAPI document as a client contract", () => {
  it("names every operation once, verb first, and summarises it", () => {
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(40);
    const ids = operations.map(({ operation }) => operation.operationId);
    for (const { route, method, operation } of operations) {
      expect(operation.operationId, `${method} ${route}`).toMatch(/^[a-z]+[A-Za-z0-9]*$/);
      expect(operation.summary, `${method} ${route}`).toMatch(/\S/);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths["/orders"].post.operationId).toBe("createOrder");
    expect(doc.paths["/orders"].get.operationId).toBe("listOrders");
  });

  it("declares the session cookie and requires it exactly where an anonymous request is refused", async () => {
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie", name: SESSION_COOKIE });
    const anonymous = server.client();
    const fakeId = "00000000-0000-4000-8000-000000000000";
    let required = 0;
    for (const { route, method, operation } of operationsOf(doc)) {
      const security: Record<string, string[]>[] | undefined = operation.security;
      const needsSession = security !== undefined && security.length > 0 && security.every((entry) => "sessionCookie" in entry);
      if (needsSession) required += 1;
      const url = `/api/v1${route.replaceAll(/\{[^}]+\}/g, fakeId)}`;
      const answer = await anonymous.request(method.toUpperCase(), url, method === "get" ? undefined : {});
      // A session is checked before the input, so a placeholder id and an empty body show it.
      expect(answer.status === 401, `${method} ${route} answered ${answer.status}`).toBe(needsSession);
    }
    expect(required).toBeGreaterThan(20);
    expect(doc.paths["/auth/login"].post.security).toBeUndefined();
    expect(doc.paths["/tweeps"].get.security).toBeUndefined();
    expect(doc.paths["/me"].get.security).toEqual([{ sessionCookie: [] }]);
  });

  it("generates TypeScript types from the served document that a client compiles and runs against", async () => {
    const types = astToString(await openapiTS(doc));
    await writeFile(path.join(dir, "api.ts"), types);
    await writeFile(path.join(dir, "client.ts"), CLIENT);
    await writeFile(path.join(dir, "broken.ts"), BROKEN_CLIENT);
    expect(types).toMatch(/createOrder: \{/);

    // One program for both files (the standard library is parsed once); diagnostics by file.
    const diagnostics = compile([path.join(dir, "client.ts"), path.join(dir, "broken.ts")]);
    const inBroken = (d: { file?: string }) => d.file === path.join(dir, "broken.ts");
    expect(diagnostics.filter((d) => !inBroken(d)).map((d) => d.text)).toEqual([]);
    const broken = diagnostics.filter(inBroken).map((d) => d.text);
    expect(broken.join("\n")).toMatch(/creatOrder/);
    expect(broken.length).toBeGreaterThanOrEqual(3);

    // Run the compiled client: log in with the cookie, read /me, order (no money: refused with a code).
    const js = ts.transpileModule(CLIENT, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
    const clientFile = path.join(dir, "client.mjs");
    await writeFile(clientFile, js.outputText);
    const customer = await registerUser(server, { phone: randomPhone() });
    const provider = await registerUser(server);
    const tweep = await publishConsultation(server, provider.user.id, { videoPriceMinor: 50_000n });
    const { orderOnce } = await import(pathToFileURL(clientFile).href);
    const result = await orderOnce(server.url, customer.phone, customer.password, tweep.id);
    expect(result).toMatchObject({ loggedIn: 200, userId: customer.user.id, placedStatus: 409, code: "insufficient_funds" });
    // Type-checking the generated types with the DOM library takes a while on a busy machine.
  }, 240_000);
});
