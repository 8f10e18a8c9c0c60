import "server-only";
import { z } from "zod";
import { readableChanges, readerFor } from "@/lib/audit/readable";
import { changesOfTask, getChange, listChanges, type ChangeItem } from "@/lib/changes/queries";
import { CHANGE_STATUSES, decisionBodySchema, requestChangeSchema } from "@/lib/changes/schemas";
import { decideChange, endorseChange, requestChange } from "@/lib/changes/service";
import type { Locale } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/translate";
import { defineEndpoint } from "../endpoint";
import { apiDownloadUrl, getTaskDetail } from "../reads";
import { attachmentSchema, idPathSchema } from "../schemas";

// 计划调整 through the API: the committee's requests (调整情况), one request, a task's requests;
// filing a request (the office, or the lead unit for its task) and deciding it (the office; for a
// key task when the committee asks it, the linked leader consents after the office).

const TAG = "计划调整";

const changeRequestSchema = z
  .object({
    id: z.string(),
    version: z.number().int().meta({ description: "审核时带回，用于防止两人同时审核" }),
    task: z.object({ id: z.string(), code: z.string(), title: z.string() }),
    status: z.enum(CHANGE_STATUSES).meta({
      description: "PENDING 待审核 · LEADER_PENDING 待挂钩领导同意 · APPROVED 已批准 · REJECTED 未批准 · WITHDRAWN 已撤回",
    }),
    reason: z.string().meta({ description: "调整理由" }),
    requestedBy: z.object({ name: z.string(), fromUnit: z.boolean().meta({ description: "true：牵头单位申请；false：改革办申请" }) }),
    requestedAt: z.iso.datetime({ offset: true }),
    decidedAt: z.iso.datetime({ offset: true }).nullable().meta({ description: "批准时刻：自该日起按调整后的计划计算序时进度和亮灯" }),
    decidedBy: z.string().nullable(),
    decisionComment: z.string().nullable(),
    changes: z
      .array(z.object({ field: z.string(), label: z.string(), from: z.string().nullable(), to: z.string().nullable() }))
      .meta({ description: "调整内容：逐项的原值与新值（以调用者的语言显示）" }),
    attachments: z.array(attachmentSchema),
  })
  .meta({ id: "ChangeRequest" });
type ChangeRequestBody = z.infer<typeof changeRequestSchema>;

function bodyOf(item: ChangeItem, locale: Locale): ChangeRequestBody {
  const reader = readerFor(locale, messagesFor(locale));
  return {
    id: item.id,
    version: item.version,
    task: { id: item.taskId, code: item.taskCode, title: item.taskTitle },
    status: item.status,
    reason: item.reason,
    requestedBy: { name: item.requestedByName, fromUnit: item.fromUnit },
    requestedAt: item.createdAt,
    decidedAt: item.decidedAt,
    decidedBy: item.decidedByName,
    decisionComment: item.decisionComment,
    changes: readableChanges(reader, item.changes, "ChangeRequest").map((change) => ({
      field: change.field,
      label: change.label,
      from: change.notes.length ? null : change.from,
      to: change.notes.length ? change.notes.join("；") : change.to,
    })),
    attachments: item.files.map(({ url: _url, inlineUrl: _inline, ...file }) => ({ ...file, downloadUrl: apiDownloadUrl(file.id) })),
  };
}

const changeListSchema = z
  .object({
    items: z.array(changeRequestSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    year: z.number().int(),
  })
  .meta({ id: "ChangeRequestPage" });

const changesQuerySchema = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, "validation.invalid")
    .transform(Number)
    .optional()
    .meta({ description: "任务年度（默认今年）" }),
  status: z.enum(CHANGE_STATUSES, "validation.invalid").optional().meta({ description: "按状态筛选" }),
  page: z
    .string()
    .regex(/^\d{1,4}$/, "validation.invalid")
    .transform(Number)
    .pipe(z.number().int().min(1, "validation.tooSmall"))
    .optional(),
  pageSize: z
    .string()
    .regex(/^\d{1,3}$/, "validation.invalid")
    .transform(Number)
    .pipe(z.number().int().min(1, "validation.tooSmall").max(100, "validation.tooBig"))
    .optional(),
});

export const listChangesEndpoint = defineEndpoint({
  method: "GET",
  path: "/change-requests",
  operationId: "listChangeRequests",
  tag: TAG,
  summary: "计划调整情况：调用者可见任务的调整申请，按申请时间倒序分页",
  auth: "bearer",
  query: changesQuerySchema,
  response: changeListSchema,
  errors: [401, 403, 422, 429],
  async handle({ caller, query, locale }) {
    const list = await listChanges(caller.actor, {
      year: query.year ?? null,
      status: query.status ?? null,
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 20,
    });
    return {
      items: list.items.map((item) => bodyOf(item, locale)),
      total: list.total,
      page: list.page,
      pageSize: list.pageSize,
      year: list.year,
    };
  },
});

export const getChangeEndpoint = defineEndpoint({
  method: "GET",
  path: "/change-requests/{id}",
  operationId: "getChangeRequest",
  readOf: { event: "change.read", targetType: "ChangeRequest" },
  tag: TAG,
  summary: "一项计划调整申请：调整内容、理由、佐证材料和审核情况",
  auth: "bearer",
  params: idPathSchema,
  response: changeRequestSchema,
  errors: [401, 403, 404, 429],
  handle: async ({ caller, params, locale }) => bodyOf(await getChange(caller.actor, params.id), locale),
});

export const listTaskChangesEndpoint = defineEndpoint({
  method: "GET",
  path: "/tasks/{id}/change-requests",
  operationId: "listTaskChangeRequests",
  readOf: { event: "change.list", targetType: "ReformTask" },
  tag: TAG,
  summary: "一项任务的计划调整申请，按申请时间倒序",
  auth: "bearer",
  params: idPathSchema,
  response: z.object({ items: z.array(changeRequestSchema) }).meta({ id: "ChangeRequestList" }),
  errors: [401, 403, 404, 429],
  async handle({ caller, params, locale }) {
    // the task itself first: outside the caller's scope it is 404, as the task would be
    await getTaskDetail(caller.actor, params.id);
    const changes = await changesOfTask(caller.actor, params.id);
    return { items: changes.items.map((item) => bodyOf(item, locale)) };
  },
});

export const requestChangeBodySchema = requestChangeSchema.omit({ taskId: true }).meta({
  id: "RequestChange",
  description:
    "计划已下达的任务，其完成时限、改革目标、成果形式、牵头/配合单位、挂钩领导、重点标记和序时进度只能通过调整申请修改。只传要调整的字段（其余不变），reason 必填；attachmentIds 为事先以 for=change 上传的佐证材料。批准后自批准之日起按新计划计算亮灯。",
});

export const requestChangeEndpoint = defineEndpoint({
  method: "POST",
  path: "/tasks/{id}/change-requests",
  operationId: "requestTaskChange",
  tag: TAG,
  summary: "申请计划调整（改革办，或该任务的牵头单位）",
  auth: "bearer",
  params: idPathSchema,
  body: requestChangeBodySchema,
  response: changeRequestSchema,
  status: 201,
  errors: [400, 401, 403, 404, 422, 429],
  async handle({ caller, params, rawBody, locale }) {
    // the service parses the body itself (its days become dates): it gets the body as sent
    const { id } = await requestChange(caller.actor, { ...(rawBody as object), taskId: params.id });
    return bodyOf(await getChange(caller.actor, id), locale);
  },
});

export const decideChangeEndpoint = defineEndpoint({
  method: "POST",
  path: "/change-requests/{id}/decision",
  operationId: "decideChangeRequest",
  tag: TAG,
  summary: "审核计划调整申请：改革办批准或不予批准；重点任务需领导同意时，由挂钩领导在改革办同意后审核",
  description: "两人同时审核同一申请时，后到者得到 409。批准时如任务的相关字段已被他人修改，返回 409，须按任务现状重新申请。",
  auth: "bearer",
  params: idPathSchema,
  body: decisionBodySchema,
  response: changeRequestSchema,
  errors: [400, 401, 403, 404, 409, 422, 429],
  async handle({ caller, params, body, locale }) {
    const current = await getChange(caller.actor, params.id);
    const input = { id: params.id, version: body.version ?? current.version, decision: body.decision, comment: body.comment };
    if (current.status === "LEADER_PENDING") await endorseChange(caller.actor, input);
    else await decideChange(caller.actor, input);
    return bodyOf(await getChange(caller.actor, params.id), locale);
  },
});
