import "server-only";
// 形式主义预警 through the API: the office's list of its committee's signals and the dismissal with a
// reason, by the same queries and service as the portal (lib/signals). Other roles are refused (403),
// and the refusal is audited.
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { getSignal, listSignals } from "@/lib/signals/queries";
import { SIGNAL_KINDS } from "@/lib/signals/rules";
import { DISMISS_REASON_MAX, SIGNAL_STATES } from "@/lib/signals/schemas";
import { dismissSignal } from "@/lib/signals/service";
import type { SignalView } from "@/lib/signals/types";
import { versionField } from "@/lib/validation/fields";
import { defineEndpoint } from "../endpoint";
import { idParam, idPathSchema } from "../schemas";

const TAG = "形式主义预警";

const pageNumber = (max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, "validation.invalid")
    .transform(Number)
    .pipe(z.number().int().min(1, "validation.tooSmall").max(max, "validation.tooBig"));

export const signalsQuerySchema = z.object({
  kind: z
    .enum(SIGNAL_KINDS, "validation.invalid")
    .optional()
    .meta({ description: `预警类别：${SIGNAL_KINDS.join(", ")}` }),
  state: z.enum(SIGNAL_STATES, "validation.invalid").optional().meta({ description: "open 待核实（默认）· dismissed 已排除 · all 全部" }),
  task: idParam.optional().meta({ description: "只看一项任务（任务 id）" }),
  page: pageNumber(10_000).optional().meta({ description: "页码，从 1 开始", example: "1" }),
  pageSize: pageNumber(100).optional().meta({ description: "每页条数 1–100，默认 20", example: "20" }),
});

const kindSchema = z.enum(SIGNAL_KINDS).meta({
  id: "SignalKind",
  description:
    "COPIED_REPORT 月报雷同（本月进展与同一单位上期报告相似度达到阈值）· FROZEN_PERCENT 进度停滞（审核通过的进度连续多月未变且任务滞后）· LOW_CLOSEOUT 低进度销号 · REUSED_FILE 佐证重复（同一文件用于不同月份或任务）",
});
const ref = z.object({ id: z.string(), name: z.string() });
const nullableId = z.string().nullable();

export const signalItemSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    kind: kindSchema,
    task: z.object({ id: z.string(), code: z.string(), title: z.string() }),
    unit: ref.nullable(),
    period: z.string().nullable().meta({ description: "所涉月份 YYYY-MM" }),
    value: z.number().meta({
      description: "COPIED_REPORT：相似度 0–1；FROZEN_PERCENT：未变月数；LOW_CLOSEOUT：此前最近审核通过的进度；REUSED_FILE：此前使用次数",
    }),
    percent: z.number().int().nullable().meta({ description: "FROZEN_PERCENT：停滞的进度；LOW_CLOSEOUT：阈值" }),
    planned: z.number().int().nullable().meta({ description: "FROZEN_PERCENT：最近计算时的序时进度" }),
    reportId: nullableId,
    previousReportId: nullableId,
    closeOutId: nullableId,
    attachmentId: nullableId,
    previousAttachmentId: nullableId,
    detectedAt: z.iso.datetime({ offset: true }),
    dismissedAt: z.iso.datetime({ offset: true }).nullable(),
    dismissedBy: z.string().nullable(),
    dismissReason: z.string().nullable(),
  })
  .meta({ id: "Signal", description: "形式主义预警：提示改革办核实，不作为扣分依据" });

export const signalPageSchema = z
  .object({
    items: z.array(signalItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    openByKind: z.record(kindSchema, z.number().int()),
  })
  .meta({ id: "SignalPage" });

function itemOf(signal: SignalView): z.input<typeof signalItemSchema> {
  return {
    id: signal.id,
    version: signal.version,
    kind: signal.kind,
    task: signal.task,
    unit: signal.unit,
    period: signal.period,
    value: signal.value,
    percent: signal.percent,
    planned: signal.planned,
    reportId: signal.report?.id ?? null,
    previousReportId: signal.previousReport?.id ?? null,
    closeOutId: signal.closeOut?.id ?? null,
    attachmentId: signal.attachment?.id ?? null,
    previousAttachmentId: signal.previousAttachment?.id ?? null,
    detectedAt: signal.detectedAt,
    dismissedAt: signal.dismissed?.at ?? null,
    dismissedBy: signal.dismissed?.by ?? null,
    dismissReason: signal.dismissed?.reason ?? null,
  };
}

export const listSignalsEndpoint = defineEndpoint({
  method: "GET",
  path: "/signals",
  operationId: "listSignals",
  tag: TAG,
  summary: "本委员会的形式主义预警（改革办）：按类别、状态、任务筛选，分页",
  description:
    "预警由系统在报送、审核、销号、上传佐证时及每日自动计算，只提示改革办核实，不自动扣分。其他角色调用返回 403（记入审计日志）。",
  auth: "bearer",
  query: signalsQuerySchema,
  response: signalPageSchema,
  errors: [401, 403, 422, 429],
  async handle({ caller, query }) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const result = await listSignals(caller.actor, {
      kind: query.kind ?? null,
      state: query.state ?? "open",
      taskId: query.task ?? null,
      page,
      size: pageSize,
    });
    return { items: result.rows.map(itemOf), total: result.total, page, pageSize, openByKind: result.openByKind };
  },
});

export const dismissSignalBodySchema = z
  .object({
    reason: z.string("validation.required").meta({ description: `排除理由（必填，2–${DISMISS_REASON_MAX} 字）` }),
    version: versionField.optional().meta({ description: "读取预警时的 version；省略则按当前版本" }),
  })
  .strict()
  .meta({ id: "DismissSignal" });

export const dismissSignalEndpoint = defineEndpoint({
  method: "POST",
  path: "/signals/{id}/dismiss",
  operationId: "dismissSignal",
  tag: TAG,
  summary: "改革办核实后排除一条预警（须填写理由）",
  description: "排除后该预警不再提示，也不会因重新计算而再次出现；理由与操作人记入审计日志。已被他人排除或版本过期返回 409。",
  auth: "bearer",
  params: idPathSchema,
  body: dismissSignalBodySchema,
  response: signalItemSchema,
  errors: [400, 401, 403, 404, 409, 422, 429],
  async handle({ caller, params, body }) {
    // a role that may not dismiss is refused (and audited) by the service itself, version or not
    const mayRead = can(caller.actor, "signal:read", { committeeId: caller.actor.committee.id });
    const version = body.version ?? (mayRead ? (await getSignal(caller.actor, params.id)).version : 1);
    await dismissSignal(caller.actor, { id: params.id, version, reason: body.reason });
    return itemOf(await getSignal(caller.actor, params.id));
  },
});
