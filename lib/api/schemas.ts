// The API's query, path and response schemas. Query values arrive as strings: each schema says
// which strings it takes (what the OpenAPI document shows) and what they become. Messages are
// catalogue keys. No server code here.
import { z } from "zod";
import { TaskStatus } from "@/lib/db/generated/enums";
import { LEDGER_SIGNALS, parseDay } from "@/lib/ledger/schemas";
import { SIGNAL_KINDS } from "@/lib/signals/rules";
import { parseMonthKey } from "@/lib/reports/rules";
import { LIGHTS, type Light } from "@/lib/tasks/rules";

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const idParam = z.string().regex(ID_PATTERN, "validation.invalid").meta({ description: "记录编号（id）" });
export const idPathSchema = z.object({ id: idParam });

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, "validation.invalid")
    .transform(Number)
    .pipe(z.number().int().min(min, "validation.tooSmall").max(max, "validation.tooBig"));

const dayParam = z
  .string()
  .refine((value) => parseDay(value) !== null, "validation.invalid")
  .transform((value) => parseDay(value)!)
  .meta({ description: "日期 YYYY-MM-DD", example: "2026-10-31" });

export const monthParam = z
  .string("validation.required")
  .refine((value) => parseMonthKey(value) !== null, "reports.validation.period")
  .meta({ description: "月份 YYYY-MM", example: "2026-10" });

const booleanParam = z.enum(["true", "false", "1", "0"], "validation.invalid").transform((value) => value === "true" || value === "1");

const lightsParam = z
  .string()
  .refine((value) => value.split(",").every((light) => (LIGHTS as readonly string[]).includes(light.trim())), "validation.invalid")
  .transform((value) => [...new Set(value.split(",").map((light) => light.trim() as Light))])
  .meta({ description: `灯色，可用逗号分隔多个：${LIGHTS.join(", ")}`, example: "RED,YELLOW" });

export const yearParam = wholeNumber(2000, 2100).meta({ description: "年度（默认今年）", example: "2026" });

export const tasksQuerySchema = z.object({
  year: yearParam.optional(),
  group: idParam.optional().meta({ description: "专项小组 id" }),
  leadUnit: idParam.optional().meta({ description: "牵头单位 id" }),
  unit: idParam.optional().meta({ description: "单位 id：牵头或配合" }),
  leader: idParam.optional().meta({ description: "挂钩县领导（用户 id）" }),
  light: lightsParam.optional(),
  status: z.enum(TaskStatus, "validation.invalid").optional(),
  key: booleanParam.optional().meta({ description: "只看重点改革任务（true）或非重点（false）" }),
  signal: z
    .enum(LEDGER_SIGNALS, "validation.invalid")
    .optional()
    .meta({ description: `有未排除形式主义预警的任务（仅改革办）：ANY 任一类，或 ${SIGNAL_KINDS.join(", ")}` }),
  q: z.string().max(100, "validation.tooBig").optional().meta({ description: "在编号、名称、目标中查找" }),
  asOf: dayParam.optional().meta({ description: "按某日计算灯色、进度与亮灯原因（办公室、领导可用；默认今天）" }),
  page: wholeNumber(1, 10_000).optional().meta({ description: "页码，从 1 开始", example: "1" }),
  pageSize: wholeNumber(1, 100).optional().meta({ description: "每页条数 1–100，默认 20", example: "20" }),
});

export const taskQuerySchema = z.object({
  asOf: dayParam.optional().meta({ description: "按某日计算灯色、进度与亮灯原因（办公室、领导可用；默认今天）" }),
});

export const summaryQuerySchema = z.object({
  year: yearParam.optional(),
  asOf: dayParam.optional(),
});

export const complianceQuerySchema = z.object({
  period: monthParam.optional().meta({ description: "月份 YYYY-MM（默认最近一个已过报送期限的月份）" }),
});

// ───────────── Responses ─────────────

const ref = z.object({ id: z.string(), name: z.string() }).meta({ id: "Ref" });
const day = z.iso.date();
const instant = z.iso.datetime({ offset: true });
export const lightSchema = z.enum(LIGHTS).meta({
  id: "Light",
  description: "NOT_STARTED 未开始 · GREEN 正常推进 · YELLOW 滞后 · RED 严重滞后/逾期 · PENDING_CLOSE 待销号 · DONE 已销号",
});
const byLight = z.record(lightSchema, z.number().int()).meta({ id: "CountsByLight" });

const reasonText = z.string().meta({
  description: "原因的文字说明，与门户所示相同（默认中文，请求头 Accept-Language: en 时为英文）",
  example: "已过完成时限（2026年9月30日）53天，仍未销号",
});
export const lightReasonSchema = z
  .discriminatedUnion("code", [
    z
      .object({
        code: z.literal("overdue"),
        text: reasonText,
        dueDate: day,
        days: z.number().int().meta({ description: "超过完成时限的天数" }),
      })
      .meta({ id: "LightReasonOverdue", description: "overdue：已过完成时限仍未销号（红灯）" }),
    z
      .object({
        code: z.enum(["milestoneLateLong", "milestoneLate"]),
        text: reasonText,
        milestone: z.string().meta({ description: "逾期最久的未完成序时节点名称（实际进度尚未达到其计划百分比）" }),
        plannedDate: day.meta({ description: "该节点的计划完成日期" }),
        days: z.number().int().meta({ description: "该节点逾期天数" }),
        lateMilestones: z.number().int().meta({ description: "已逾期未完成的节点总数" }),
      })
      .meta({
        id: "LightReasonMilestone",
        description: "milestoneLateLong：序时节点逾期超过设定天数（默认30天，红灯）· milestoneLate：序时节点已逾期（黄灯）",
      }),
    z
      .object({
        code: z.enum(["lagRed", "lagYellow"]),
        text: reasonText,
        planned: z.number().int().meta({ description: "序时进度 %" }),
        actual: z.number().int().meta({ description: "实际进度 %" }),
        lag: z.number().int().meta({ description: "落后的百分点" }),
      })
      .meta({
        id: "LightReasonLag",
        description: "lagRed：落后序时进度达到红灯阈值（默认30个百分点）· lagYellow：达到黄灯阈值（默认10个百分点）",
      }),
    z
      .object({
        code: z.literal("reportMissing"),
        text: reasonText,
        period: z.string().meta({ description: "未报送的月份 YYYY-MM" }),
        dueOn: day.meta({ description: "该月进展的报送期限" }),
      })
      .meta({ id: "LightReasonReportMissing", description: "reportMissing：上月进展过了报送期限仍未报送（黄灯）" }),
  ])
  .meta({
    id: "LightReason",
    description:
      "亮灯原因：红灯只列红灯原因，黄灯只列黄灯原因，其他灯色没有原因。code 供程序判断，text 供直接展示，其余字段为原因涉及的数据。",
  });

export const taskItemSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    year: z.number().int(),
    specialGroup: ref,
    leadUnit: ref,
    cooperatingUnits: z.array(ref),
    leader: ref.nullable(),
    isKey: z.boolean(),
    source: z.string(),
    startDate: day,
    dueDate: day,
    status: z.enum(TaskStatus),
    light: lightSchema,
    reasons: z.array(lightReasonSchema).meta({ description: "为什么亮红灯或黄灯（与门户台账、驾驶舱所示相同）" }),
    plannedPercent: z.number().int(),
    actualPercent: z.number().int(),
    lagPoints: z.number().int().meta({ description: "序时进度减实际进度（不低于 0）" }),
    adjustments: z.number().int().meta({ description: "截至 asOf 已批准的计划调整次数（调整 N 次）" }),
    version: z.number().int().meta({ description: "修改时带回，用于防止覆盖他人的修改" }),
  })
  .meta({ id: "TaskItem" });

export const taskPageSchema = z
  .object({
    items: z.array(taskItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    year: z.number().int(),
    asOf: day,
  })
  .meta({ id: "TaskPage" });

export const reportSchema = z
  .object({
    id: z.string(),
    taskId: z.string(),
    unit: ref,
    kind: z.enum(["LEAD", "CONTRIBUTION"]).meta({ description: "LEAD 牵头单位月报 · CONTRIBUTION 配合单位的协同进展" }),
    period: z.string().meta({ description: "YYYY-MM" }),
    status: z.enum(["DRAFT", "SUBMITTED", "RETURNED", "APPROVED"]),
    percent: z.number().int().nullable(),
    progress: z.string(),
    problems: z.string().nullable(),
    nextSteps: z.string().nullable(),
    percentDropReason: z.string().nullable(),
    submittedAt: instant.nullable(),
    firstSubmittedAt: instant.nullable(),
    reviewedAt: instant.nullable(),
    reviewComment: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: "ProgressReport" });

export const milestoneSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    plannedDate: day,
    plannedPercent: z.number().int(),
    completedOn: day.nullable(),
  })
  .meta({ id: "Milestone" });

export const taskDetailSchema = taskItemSchema
  .extend({
    goal: z.string(),
    outcome: z.string().nullable(),
    pilotLevel: z.string().nullable(),
    plan: ref,
    workPoint: z.object({ id: z.string(), number: z.string(), title: z.string() }).nullable(),
    milestones: z.array(milestoneSchema),
    latestReport: reportSchema.nullable().meta({ description: "牵头单位最近一期已报送（或本单位草稿）的月报" }),
  })
  .meta({ id: "TaskDetail" });

export const attachmentSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    size: z.number().int().meta({ description: "字节数" }),
    mimeType: z.string(),
    uploadedBy: z.string().nullable(),
    uploadedAt: instant,
    round: z.number().int().nullable().meta({ description: "随第几次报送提交（1 为首次报送，退回后重新报送为 2，依此类推）" }),
    downloadUrl: z.string().meta({ description: "下载地址（GET，同样使用 Bearer 令牌）" }),
  })
  .meta({ id: "Attachment", description: "佐证材料" });

export const reportWithFilesSchema = reportSchema
  .extend({ attachments: z.array(attachmentSchema).meta({ description: "佐证材料（他人只看到已随报送提交的文件）" }) })
  .meta({ id: "ProgressReportWithFiles" });

export const reportListSchema = z.object({ items: z.array(reportWithFilesSchema) }).meta({ id: "ProgressReportList" });

// the five counts are disjoint: expected = onTime + late + returned + missing + notDue
const complianceFigures = {
  expected: z.number().int().meta({ description: "应报：本月应报送月报的牵头任务数 (reports expected)" }),
  onTime: z
    .number()
    .int()
    .meta({ description: "按时报送：截止日当天结束前首次报送，且当前未被退回 (first submitted by the due day, not returned now)" }),
  late: z
    .number()
    .int()
    .meta({ description: "逾期报送：截止日后首次报送，且当前未被退回 (first submitted after the due day, not returned now)" }),
  missing: z.number().int().meta({ description: "逾期未报：已过截止日仍未报送 (not submitted, due day passed)" }),
  notDue: z.number().int().meta({ description: "未到期：尚未报送、截止日未到 (not submitted, still in time)" }),
  returned: z.number().int().meta({
    description:
      "退回待重报：已报送、被改革办退回、单位尚未重新报送；不计入按时或逾期 (returned by the office, awaiting resubmission; neither on time nor late)",
  }),
  onTimeRate: z.number().nullable().meta({
    description:
      "按时报送率 0–100 = 按时报送 ÷（应报 − 未到期）；退回待重报计入分母、不计入分子；无已到期应报时为 null (on time ÷ (expected − not yet due); a returned report counts in the base, not as on time)",
  }),
};

export const complianceSchema = z
  .object({
    period: z.string(),
    dueOn: day,
    totals: z.object(complianceFigures),
    units: z.array(z.object({ id: z.string(), name: z.string(), ...complianceFigures })),
    groups: z.array(z.object({ id: z.string(), name: z.string(), ...complianceFigures })),
  })
  .meta({ id: "Compliance" });

const countsRow = z.object({ id: z.string(), name: z.string(), total: z.number().int(), byLight });

export const summarySchema = z
  .object({
    year: z.number().int(),
    asOf: day,
    total: z.number().int(),
    byLight,
    byGroup: z.array(countsRow),
    byUnit: z.array(countsRow.meta({ description: "按牵头单位" })),
  })
  .meta({ id: "DashboardSummary" });

export const unitListSchema = z
  .object({
    items: z.array(z.object({ id: z.string(), name: z.string(), shortName: z.string().nullable(), kind: z.string(), active: z.boolean() })),
  })
  .meta({ id: "UnitList" });

export const groupListSchema = z
  .object({
    items: z.array(z.object({ id: z.string(), name: z.string(), shortName: z.string(), liaisonUnit: ref.nullable() })),
  })
  .meta({ id: "SpecialGroupList" });

export const leaderListSchema = z
  .object({
    items: z.array(z.object({ id: z.string(), name: z.string(), title: z.string().nullable(), portfolio: z.string().nullable() })),
  })
  .meta({ id: "LeaderList" });
