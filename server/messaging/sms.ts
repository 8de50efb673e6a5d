import type { Database } from "../../db/client.ts";
import type { Config } from "../env.ts";
import { writeToOutbox } from "./outbox.ts";

export type SmsSender = { send(to: string, text: string): Promise<void> };

/**
 * A real gateway is any HTTPS endpoint that accepts `{to, text}` as JSON with a bearer
 * token: most SMS providers offer one, or a small relay in front of theirs.
 */
export function createSmsSender(config: Config, db: Database): SmsSender {
  const gateway = config.smsGateway;
  if (!gateway) {
    return { send: (to, text) => writeToOutbox(db, { channel: "sms", recipient: to, body: text }) };
  }
  return {
    async send(to, text) {
      const response = await fetch(gateway.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(gateway.token ? { authorization: `Bearer ${gateway.token}` } : {}),
        },
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}
