import "server-only";
// What each kind of job does. A handler runs outside any transaction and may be retried, so it
// must be safe to run again after a failure half-way (an e-mail may, rarely, go out twice).
import { MAIL_JOB, sendMailJob } from "@/lib/notifications/mail";
import type { JobHandlers } from "./queue";

export const JOB_HANDLERS: JobHandlers = {
  [MAIL_JOB]: sendMailJob,
};
