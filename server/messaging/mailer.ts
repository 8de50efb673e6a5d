import nodemailer from "nodemailer";
import type { Database } from "../../db/client.ts";
import type { Config } from "../env.ts";
import { writeToOutbox } from "./outbox.ts";

export type Mail = { to: string; subject: string; text: string };
export type Mailer = { send(mail: Mail): Promise<void>; close(): void };

export function createMailer(config: Config, db: Database): Mailer {
  if (!config.smtpUrl) {
    return {
      send: (mail) => writeToOutbox(db, { channel: "email", recipient: mail.to, subject: mail.subject, body: mail.text }),
      close: () => {},
    };
  }
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}
