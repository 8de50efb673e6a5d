import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerUser, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe("operations endpoints", () => {
  it("reports health with a database check", async () => {
    for (const path of ["/healthz", "/api/v1/healthz"]) {
      const answer = await server.client().get(path);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ status: "ok", database: "ok" });
    }
  });

  it("exposes Prometheus metrics that count API requests", async () => {
    await server.client().get("/api/v1/me");
    const answer = await server.client().get("/metrics");
    expect(answer.headers.get("content-type")).toMatch(/text\/plain/);
    expect(answer.text).toMatch(/tweeps_http_requests_total\{method="GET",route="\/api\/v1\/me",status="401"\} [1-9]/);
    expect(answer.text).toMatch(/tweeps_process_cpu_seconds_total/);
  });

  it("publishes an OpenAPI document generated from the request schemas", async () => {
    const answer = await server.client().get("/api/v1/openapi.json");
    expect(answer.status).toBe(200);
    const doc = answer.json;
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.entries(doc.paths as Record<string, object>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        "POST /auth/register",
        "POST /auth/verify",
        "POST /auth/login",
        "POST /auth/logout",
        "GET /me",
        "PATCH /me",
        "GET /wallet",
        "POST /wallet/top-ups",
        "GET /wallet/top-ups/{id}",
        "POST /wallet/payouts",
        "POST /payments/stripe/webhook",
        "GET /admin/ledger/verify",
        "GET /admin/payouts",
        "POST /admin/payouts/{id}/paid",
        "GET /tweeps",
      ]),
    );
    // The documented body is the validating schema itself: strict, integer, bounded.
    const topUpBody = doc.paths["/wallet/top-ups"].post.requestBody.content["application/json"].schema;
    expect(topUpBody.properties.amountMinor).toMatchObject({ type: "integer", minimum: 1 });
    expect(topUpBody.additionalProperties).toBe(false);
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const answer = await server.client().get("/api/v1/nothing-here");
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe("not_found");
  });
});

describe("graceful shutdown", () => {
  it("finishes a request in flight, then stops accepting connections", async () => {
    const own = await startTestServer();
    const { client } = await registerUser(own);
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const body = JSON.stringify({ amountMinor: 1_234 });

    // Send the headers and half the body, start the shutdown, then send the rest.
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(`${own.url}/api/v1/wallet/top-ups`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), cookie },
      });
      request.on("response", (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
      });
      request.on("error", reject);
      request.write(body.slice(0, 8));
      setTimeout(() => request.end(body.slice(8)), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = own.stop();

    const finished = await answer;
    expect(finished.status).toBe(201);
    expect(JSON.parse(finished.text).balanceMinor).toBe(1_234);
    await closed;
    await expect(fetch(`${own.url}/healthz`)).rejects.toThrow();
  });
});
