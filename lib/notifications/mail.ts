import "server-only";
// E-mail copies of notifications, when the deployment configures SMTP (SMTP_URL, MAIL_FROM in
// lib/server/env.ts). A write never talks to a mail server inside its database transaction: it
// enqueues a "mail" job in the same transaction (so the e-mail exists if and only if the write
// commits) and the job runner (lib/jobs) sends it afterwards, retrying on failure.
import nodemailer from "nodemailer";
import { z } from "zod";
import { isLocale, DEFAULT_LOCALE } from "@/lib/i18n/config";
import { createTranslator, messagesFor } from "@/lib/i18n/translate";
import { enqueue } from "@/lib/jobs/queue";
import type { Tx } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { env } from "@/lib/server/env";
import type { NotificationInput } from "./service";
import { renderTitle } from "./queries";

export const MAIL_JOB = "mail";

export const mailPayloadSchema = z.object({
  to: z.email(),
  subject: z.string().min(1).max(300),
  text: z.string().max(20_000),
});
export type MailPayload = z.infer<typeof mailPayloadSchema>;

export function mailConfigured(): boolean {
  const { SMTP_URL, MAIL_FROM } = env();
  return Boolean(SMTP_URL && MAIL_FROM);
}

/** A link in an e-mail must be absolute: the portal's own address when it is known. */
function absolute(link: string): string {
  const base = env().NEXTAUTH_URL;
  return base ? new URL(link, base).toString() : link;
}

/**
 * Enqueues an e-mail copy of a notification for each of the users who has an address, in the
 * recipient's language. With `input.dedupeKey` the jobs are idempotent per user. Returns how many
 * were enqueued (0 when SMTP is not configured).
 */
export async function enqueueMails(tx: Tx, userIds: readonly string[], input: NotificationInput): Promise<number> {
  if (!mailConfigured() || userIds.length === 0) return 0;
  const users = await tx.user.findMany({
    where: { id: { in: [...new Set(userIds)] }, email: { not: null }, disabledAt: null, deletedAt: null },
    select: { id: true, email: true, locale: true },
  });
  let enqueued = 0;
  for (const user of users) {
    const email = z.email().safeParse(user.email?.trim());
    if (!email.success) continue;
    const locale = isLocale(user.locale) ? user.locale : DEFAULT_LOCALE;
    const t = createTranslator(messagesFor(locale));
    const subject = renderTitle(input.title, input.params, locale);
    const text = [subject, input.body ?? "", input.link ? t("notifications.centre.mailLink", { url: absolute(input.link) }) : ""]
      .filter(Boolean)
      .join("\n\n");
    const payload: MailPayload = { to: email.data, subject: subject.slice(0, 300), text };
    const dedupeKey = input.dedupeKey ? `mail:${input.dedupeKey}:${user.id}` : undefined;
    if (await enqueue(tx, MAIL_JOB, payload, now(), dedupeKey)) enqueued++;
  }
  return enqueued;
}

/** The "mail" job: sends one e-mail through the configured SMTP server; a failure is retried by the runner. */
export async function sendMailJob(payload: unknown): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL || !MAIL_FROM) throw new Error("SMTP is not configured (SMTP_URL, MAIL_FROM)");
  const mail = mailPayloadSchema.parse(payload);
  const transport = nodemailer.createTransport(SMTP_URL);
  try {
    await transport.sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
  } finally {
    transport.close();
  }
}
