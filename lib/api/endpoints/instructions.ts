import "server-only";
// 领导批示 through the API: read within the caller's scope (as the tasks they are on), written by
// leaders (or the office on a leader's behalf), answered by the unit addressed; the same services
// as the portal, so every write is audited and every stale version is a 409.
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getInstruction, listInstructions, type InstructionDetail, type InstructionRow } from "@/lib/instructions/queries";
import { INSTRUCTION_STATUSES, INSTRUCTION_SUBJECTS } from "@/lib/instructions/rules";
import {
  answerInstructionSchema,
  closeInstructionSchema,
  createInstructionSchema,
  DEFAULT_INSTRUCTION_FILTERS,
  reaskInstructionSchema,
} from "@/lib/instructions/schemas";
import { answerInstruction, closeInstruction, createInstruction, reaskInstruction } from "@/lib/instructions/service";
import { ForbiddenError } from "@/lib/server/errors";
import { defineEndpoint } from "../endpoint";
import { apiDownloadUrl } from "../reads";
import { attachmentSchema, idParam, idPathSchema } from "../schemas";

const TAG = "领导批示";

const ref = z.object({ id: z.string(), name: z.string() }).meta({ id: "Ref" });
const day = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const statusSchema = z.enum(INSTRUCTION_STATUSES).meta({
  id: "InstructionStatus",
  description: "OPEN 待办理（等待单位反馈）· ANSWERED 已反馈（等待领导确认）· CLOSED 已落实",
});

const answerSchema = z
  .object({
    id: z.string(),
    round: z.number().int().meta({ description: "答复的是第几次批示（再次批示后为 2，依此类推）" }),
    content: z.string(),
    submittedAt: instant,
    submittedBy: z.string().nullable(),
    attachments: z.array(attachmentSchema),
  })
  .meta({ id: "InstructionAnswer", description: "办理反馈" });

const itemSchema = z
  .object({
    id: z.string(),
    status: statusSchema,
    subjectType: z.enum(INSTRUCTION_SUBJECTS).meta({ description: "TASK 改革任务 · REPORT 月度进展报告 · NOTICE 督办单" }),
    subjectId: z.string().meta({ description: "任务、月报或督办单的 id" }),
    task: z.object({ id: z.string(), code: z.string(), title: z.string() }),
    leader: ref.meta({ description: "批示领导" }),
    recordedBy: z.string().nullable().meta({ description: "改革办代录时的录入人，领导本人批示时为 null" }),
    unit: ref.meta({ description: "办理单位" }),
    content: z.string(),
    answerDueDate: day.meta({ description: "办理时限" }),
    round: z.number().int(),
    overdue: z.boolean().meta({ description: "已过办理时限仍未反馈" }),
    createdAt: instant,
  })
  .meta({ id: "InstructionItem" });

const detailSchema = itemSchema
  .extend({
    version: z.number().int().meta({ description: "反馈、确认或再次批示时带回，用于防止覆盖他人的操作" }),
    answers: z.array(answerSchema),
  })
  .meta({ id: "Instruction" });

const pageSchema = z
  .object({ items: z.array(itemSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: "InstructionPage" });

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, "validation.invalid")
    .transform(Number)
    .pipe(z.number().int().min(min, "validation.tooSmall").max(max, "validation.tooBig"));
const booleanParam = z.enum(["true", "false", "1", "0"], "validation.invalid").transform((value) => value === "true" || value === "1");

const querySchema = z.object({
  status: z.enum(INSTRUCTION_STATUSES, "validation.invalid").optional().meta({ description: "OPEN、ANSWERED 或 CLOSED" }),
  overdue: booleanParam.optional().meta({ description: "只看已过办理时限仍未反馈的（true）" }),
  mine: booleanParam.optional().meta({ description: "只看以调用者本人名义作出的批示（true）" }),
  task: idParam.optional().meta({ description: "只看某项任务（含其月报、督办单）的批示" }),
  page: wholeNumber(1, 10_000).optional().meta({ description: "页码，从 1 开始", example: "1" }),
  pageSize: wholeNumber(1, 100).optional().meta({ description: "每页条数 1–100，默认 20", example: "20" }),
});

function itemOf(row: InstructionRow): z.input<typeof itemSchema> {
  return {
    id: row.id,
    status: row.status,
    subjectType: row.subject.type,
    subjectId: row.subject.id,
    task: row.task,
    leader: { id: row.leader.id, name: row.leader.name },
    recordedBy: row.recordedBy,
    unit: row.unit,
    content: row.content,
    answerDueDate: row.answerDueDate,
    round: row.round,
    overdue: row.overdue,
    createdAt: row.createdAt,
  };
}

function detailOf(detail: InstructionDetail): z.input<typeof detailSchema> {
  return {
    ...itemOf(detail),
    version: detail.version,
    answers: detail.answers.map((answer) => ({
      id: answer.id,
      round: answer.round,
      content: answer.content,
      submittedAt: answer.submittedAt,
      submittedBy: answer.submittedBy,
      attachments: answer.files.map(({ url: _url, inlineUrl: _inline, ...file }) => ({ ...file, downloadUrl: apiDownloadUrl(file.id) })),
    })),
  };
}

/** A role that reads no instruction anywhere (an administrator's token) is refused with 403, as the other lists. */
function allowRead(actor: Actor) {
  if (!can(actor, "instruction:read")) throw new ForbiddenError();
}

export const listInstructionsEndpoint = defineEndpoint({
  method: "GET",
  path: "/instructions",
  operationId: "listInstructions",
  tag: TAG,
  summary: "领导批示：按状态分页列出调用者范围内的批示（待办理、已反馈在前，办理时限早的在前）",
  description:
    "范围与任务相同：办公室、领导看到本委员会（及下级）的批示；专项小组联络员看到本组任务的批示；单位填报员看到本单位牵头或配合任务的批示，以及发给本单位的督办单上的批示。",
  auth: "bearer",
  query: querySchema,
  response: pageSchema,
  errors: [401, 403, 422, 429],
  async handle({ caller, query }) {
    allowRead(caller.actor);
    const pageSize = query.pageSize ?? 20;
    const list = await listInstructions(
      caller.actor,
      {
        ...DEFAULT_INSTRUCTION_FILTERS,
        status: query.status ?? null,
        overdue: query.overdue ?? false,
        mine: query.mine ?? false,
        taskId: query.task ?? null,
        page: query.page ?? 1,
      },
      { pageSize },
    );
    return { items: list.rows.map(itemOf), total: list.total, page: list.page, pageSize };
  },
});

export const createInstructionBodySchema = createInstructionSchema.meta({
  id: "CreateInstruction",
  description:
    "领导本人批示时省略 leaderId；改革办代录时填写批示领导的用户 id（省略则为任务的挂钩领导）。办理单位：任务和月报为任务的牵头单位，督办单为督办单下发的单位。",
});

export const createInstructionEndpoint = defineEndpoint({
  method: "POST",
  path: "/instructions",
  operationId: "createInstruction",
  tag: TAG,
  summary: "作出批示（领导本人，或改革办代领导录入）：对一项任务、一份月报或一份督办单",
  description: "办理单位的填报员会收到通知。草稿月报、不在调用者范围内的对象一律 404；已撤销的任务不能批示。",
  auth: "bearer",
  body: createInstructionBodySchema,
  response: detailSchema,
  status: 201,
  errors: [400, 401, 403, 404, 422, 429],
  async handle({ caller, rawBody }) {
    // the service parses the body itself (its day becomes a date): it gets the body as sent
    const { id } = await createInstruction(caller.actor, rawBody);
    return detailOf(await getInstruction(caller.actor, id));
  },
});

export const getInstructionEndpoint = defineEndpoint({
  method: "GET",
  path: "/instructions/{id}",
  operationId: "getInstruction",
  readOf: { event: "instruction.read", targetType: "Instruction" },
  tag: TAG,
  summary: "一份批示：内容、批示领导、办理单位、办理时限和全部办理反馈（含佐证材料）",
  auth: "bearer",
  params: idPathSchema,
  response: detailSchema,
  errors: [401, 403, 404, 429],
  async handle({ caller, params }) {
    allowRead(caller.actor);
    return detailOf(await getInstruction(caller.actor, params.id));
  },
});

export const answerInstructionBodySchema = answerInstructionSchema.omit({ id: true }).meta({
  id: "AnswerInstruction",
  description: "办理单位的填报员反馈落实情况；带回读取时的 version，两人同时反馈时后到的返回 409。已确认落实（CLOSED）的批示不能再反馈。",
});

export const answerInstructionEndpoint = defineEndpoint({
  method: "POST",
  path: "/instructions/{id}/answers",
  operationId: "answerInstruction",
  tag: TAG,
  summary: "办理反馈（办理单位）",
  auth: "bearer",
  params: idPathSchema,
  body: answerInstructionBodySchema,
  response: detailSchema,
  status: 201,
  errors: [400, 401, 403, 404, 409, 422, 429],
  async handle({ caller, params, rawBody }) {
    await answerInstruction(caller.actor, { ...(rawBody as object), id: params.id });
    return detailOf(await getInstruction(caller.actor, params.id));
  },
});

export const closeInstructionBodySchema = closeInstructionSchema.omit({ id: true }).meta({
  id: "CloseInstruction",
  description: "单位反馈后，领导或改革办确认已落实（办结）；comment 为确认意见，可省略。",
});

export const closeInstructionEndpoint = defineEndpoint({
  method: "POST",
  path: "/instructions/{id}/close",
  operationId: "closeInstruction",
  tag: TAG,
  summary: "确认批示已落实（领导或改革办）",
  auth: "bearer",
  params: idPathSchema,
  body: closeInstructionBodySchema,
  response: detailSchema,
  errors: [400, 401, 403, 404, 409, 422, 429],
  async handle({ caller, params, rawBody }) {
    await closeInstruction(caller.actor, { ...(rawBody as object), id: params.id });
    return detailOf(await getInstruction(caller.actor, params.id));
  },
});

export const reaskInstructionBodySchema = reaskInstructionSchema.omit({ id: true }).meta({
  id: "ReaskInstruction",
  description: "单位反馈后，领导或改革办再次批示：content 为新的要求，answerDueDate 为新的办理时限（YYYY-MM-DD）。",
});

export const reaskInstructionEndpoint = defineEndpoint({
  method: "POST",
  path: "/instructions/{id}/reask",
  operationId: "reaskInstruction",
  tag: TAG,
  summary: "再次批示（领导或改革办）：批示回到待办理，开始新一轮反馈",
  auth: "bearer",
  params: idPathSchema,
  body: reaskInstructionBodySchema,
  response: detailSchema,
  errors: [400, 401, 403, 404, 409, 422, 429],
  async handle({ caller, params, rawBody }) {
    await reaskInstruction(caller.actor, { ...(rawBody as object), id: params.id });
    return detailOf(await getInstruction(caller.actor, params.id));
  },
});
