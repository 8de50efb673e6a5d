import nodemailer from "nodemailer";
import type { Database } from "../../db/client.ts";
import type { Config } from "../env.ts";
import { writeToOutbox } from "./outbox.ts";

export type MailAttachment = { filename: string; contentType: string; content: string };
export type Mail = { to: string; subject: string; text: string; attachments?: MailAttachment[] };
export type Mailer = { send(mail: Mail): Promise<void>; close(): void };

export function createMailer(config: Config, db: Database): Mailer {
  if (!config.smtpUrl) {
    return {
      // The outbox keeps one text: attachments follow the body, each under its file name.
      send: (mail) =>
        writeToOutbox(db, {
          channel: "email",
          recipient: mail.to,
          subject: mail.subject,
          body: [mail.text, ...(mail.attachments ?? []).map((a) => `\n--- ${a.filename} (${a.contentType}) ---\n${a.content}`)].join("\n"),
        }),
      close: () => {},
    };
  }
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text, attachments: mail.attachments });
    },
    close: () => transport.close(),
  };
}
