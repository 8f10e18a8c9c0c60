import "server-only";
// 催报: the office reminds one or many units that a period's reports are not in yet. Per unit one
// ReportReminder (the record the compliance page shows as "催报 sent"), one REMIND step on its
// workflow thread, and one notification per active reporter of the unit; e-mail copies go through
// the job queue when SMTP is configured. One audit row for the whole action (the framework's).
import { z } from "zod";
import { visibleCommitteeIds } from "@/lib/auth/permissions";
import { enqueueMails } from "@/lib/notifications/mail";
import { notify, reporterIdsByUnit, type NotificationInput } from "@/lib/notifications/service";
import { defineServiceAction } from "@/lib/server/action";
import { now } from "@/lib/server/clock";
import { NotFoundError } from "@/lib/server/errors";
import { idField } from "@/lib/validation/fields";
import { dueDaysOf, unsubmittedCodesByUnit } from "./compliance";
import { monthKey, monthlyDueOn, parseMonthKey, quarterKey, quarterlyDueOn, quarterMonths, quarterOf } from "./rules";

export const REPORT_TYPES = ["MONTHLY_TASK", "UNIT_MONTHLY", "QUARTERLY"] as const;
export type ReminderReportType = (typeof REPORT_TYPES)[number];

export const remindSchema = z
  .object({
    /** "YYYY-MM"; for a quarterly report any month of the quarter */
    period: z
      .string("validation.required")
      .refine((value) => parseMonthKey(value) !== null, "validation.invalid")
      .transform((value) => parseMonthKey(value)!),
    unitIds: z.array(idField).min(1, "validation.required").max(500, "validation.tooBig"),
    reportType: z.enum(REPORT_TYPES, "validation.invalid"),
    message: z
      .string()
      .trim()
      .max(500, "validation.tooBig")
      .nullish()
      .transform((value) => value || null),
  })
  .strict();

export interface RemindResult {
  /** units reminded, with how many reporters were notified */
  reminded: { unitId: string; unitName: string; reporters: number }[];
  /** units that have no active reporter: the office must phone them */
  withoutReporters: { unitId: string; unitName: string }[];
  notifications: number;
  mails: number;
}

const LINKS: Record<ReminderReportType, (key: string) => string> = {
  MONTHLY_TASK: (key) => `/reports?period=${key}`,
  UNIT_MONTHLY: (key) => `/reports/info?period=${key}`,
  QUARTERLY: (key) => `/reports/quarterly?quarter=${key}`,
};

const zhDay = (day: Date) => `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日`;
const zhMonth = (period: Date) => `${period.getUTCFullYear()}年${period.getUTCMonth() + 1}月`;
const QUARTER_ZH = ["一", "二", "三", "四"];

/** The text a reporter reads when the office typed none (stored as text, in the office's language). */
function defaultBody(type: ReminderReportType, period: Date, dueOn: Date, codes: readonly string[]): string {
  const due = `报送截止日为${zhDay(dueOn)}`;
  if (type === "UNIT_MONTHLY") return `你单位${zhMonth(period)}改革信息月报尚未报送，${due}，请尽快报送。`;
  if (type === "QUARTERLY") {
    const { year, quarter } = quarterOf(period);
    return `你单位${year}年第${QUARTER_ZH[quarter - 1]}季度工作报告尚未报送，${due}，请尽快报送。`;
  }
  if (codes.length === 0) return `请及时报送你单位${zhMonth(period)}改革任务进展，${due}。`;
  return `你单位${zhMonth(period)}改革任务进展尚有${codes.length}项未报送（${codes.join("、")}），${due}，请尽快报送。`;
}

export const remindReports = defineServiceAction({
  name: "report.remind",
  permission: "report:remind",
  input: remindSchema,
  timeoutMs: 30_000,
  // The units, within the committees the actor may read; all of one committee (else 404).
  load: async (tx, actor, input) => {
    const ids = [...new Set(input.unitIds)];
    const units = await tx.unit.findMany({
      where: { id: { in: ids }, deletedAt: null, committeeId: { in: visibleCommitteeIds(actor, "report:read") } },
      select: { committeeId: true },
    });
    const committees = new Set(units.map((unit) => unit.committeeId));
    if (units.length !== ids.length || committees.size !== 1) throw new NotFoundError();
    return { committeeId: [...committees][0]! };
  },
  run: async ({ tx, actor, input, target }) => {
    const committeeId = target.committeeId;
    const type = input.reportType;
    const dueDays = await dueDaysOf(tx, committeeId);
    // a quarterly reminder is about the quarter: recorded against its first month
    const period = type === "QUARTERLY" ? quarterMonths(quarterOf(input.period))[0] : input.period;
    const key = type === "QUARTERLY" ? quarterKey(quarterOf(period)) : monthKey(period);
    const dueOn = type === "QUARTERLY" ? quarterlyDueOn(quarterOf(period), dueDays.quarterly) : monthlyDueOn(period, dueDays.monthly);
    const at = now();

    const ids = [...new Set(input.unitIds)];
    const units = await tx.unit.findMany({
      where: { id: { in: ids }, committeeId },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      select: { id: true, name: true },
    });
    const reporters = await reporterIdsByUnit(tx, committeeId, ids);
    const codes =
      type === "MONTHLY_TASK" && !input.message
        ? await unsubmittedCodesByUnit(tx, { committeeId, period, dueDay: dueDays.monthly, asOf: at, unitIds: ids })
        : new Map<string, string[]>();

    const result: RemindResult = { reminded: [], withoutReporters: [], notifications: 0, mails: 0 };
    for (const unit of units) {
      const reminder = await tx.reportReminder.create({
        data: { committeeId, unitId: unit.id, period, reportType: type, message: input.message, sentById: actor.userId, createdAt: at },
        select: { id: true },
      });
      await tx.workflowEvent.create({
        data: { entityType: "ReportReminder", entityId: reminder.id, action: "REMIND", comment: input.message, actorId: actor.userId, createdAt: at },
      });
      const userIds = reporters.get(unit.id) ?? [];
      if (userIds.length === 0) {
        result.withoutReporters.push({ unitId: unit.id, unitName: unit.name });
        continue;
      }
      const notification: NotificationInput = {
        kind: "REMINDER",
        title: "notifications.titles.reminder",
        params: { month: key, report: `compliance.reminderSubjects.${type}`, due: dueOn.toISOString().slice(0, 10) },
        body: input.message ?? defaultBody(type, period, dueOn, codes.get(unit.id) ?? []),
        link: LINKS[type](key),
      };
      result.notifications += await notify(tx, committeeId, userIds, notification);
      result.mails += await enqueueMails(tx, userIds, notification);
      result.reminded.push({ unitId: unit.id, unitName: unit.name, reporters: userIds.length });
    }
    return {
      result,
      audit: {
        targetType: "ReportReminder",
        targetId: null,
        detail: `${type} ${key}: ${units.length} unit(s), ${result.notifications} notification(s), ${result.withoutReporters.length} without reporter`,
      },
    };
  },
});
