// Inputs of the change-request services (计划调整). Messages are catalogue keys. No server code
// here: client forms may use it.
import { z } from "zod";
import { milestoneInputSchema, taskFields } from "@/lib/tasks/schemas";
import { idField, optionalTextField, versionField } from "@/lib/validation/fields";

/**
 * What a direct edit of a controlled field of an issued plan's task is told (422, on the field):
 * names the way that works, for the form and the API alike.
 */
export const CONTROLLED_MESSAGE = "changes.validation.controlled";

const reason = z.string().trim().min(1, "changes.validation.reasonRequired").max(2000, "validation.tooBig");

/**
 * A change request: the controlled fields to change (any of them; one left out stays as it is),
 * why, and the files that back it (chosen beforehand, like a close-out's).
 */
export const requestChangeSchema = z
  .object({
    taskId: idField.meta({ description: "要调整的任务 id" }),
    reason: reason.meta({ description: "调整理由（必填）" }),
    attachmentIds: z.array(idField).max(20, "validation.tooBig").default([]).meta({ description: "事先上传的佐证材料（如批准文件）id" }),
    startDate: taskFields.startDate.optional(),
    dueDate: taskFields.dueDate.optional(),
    goal: taskFields.goal.optional(),
    outcome: taskFields.outcome.optional(),
    leadUnitId: taskFields.leadUnitId.optional(),
    cooperatingUnitIds: z.array(idField).max(50, "validation.tooBig").optional().meta({ description: "配合单位 id 列表（整体替换）" }),
    leaderId: taskFields.leaderId.optional(),
    isKey: z.boolean().optional().meta({ description: "是否重点改革任务" }),
    // no defaults here: a field left out is a field left as it is
    milestones: z
      .array(milestoneInputSchema)
      .max(50, "validation.tooBig")
      .optional()
      .meta({ description: "序时进度节点（整体替换；保留的节点带回其 id）" }),
  })
  .strict();
export type RequestChangeInput = z.infer<typeof requestChangeSchema>;

export const DECISIONS = ["approve", "reject"] as const;

const decisionFields = {
  decision: z.enum(DECISIONS, "validation.required").meta({ description: "approve 批准 · reject 不予批准" }),
  comment: optionalTextField(1000).meta({ description: "审核意见；不予批准时必填" }),
};

function commentWhenRejected(input: { decision: string; comment: string | null }, context: z.RefinementCtx) {
  if (input.decision === "reject" && !input.comment)
    context.addIssue({ code: "custom", path: ["comment"], message: "changes.validation.rejectReason" });
}

/** The office's (or, for a key task when the committee asks it, the linked leader's) decision. */
export const decideChangeSchema = z
  .object({ id: idField, version: versionField, ...decisionFields })
  .strict()
  .superRefine(commentWhenRejected);

/** The API's decision body: the id is in the path; without a version, the request as it now is. */
export const decisionBodySchema = z
  .object({ ...decisionFields, version: versionField.optional().meta({ description: "读取申请时的 version；省略则按当前版本审核" }) })
  .strict()
  .superRefine(commentWhenRejected)
  .meta({ id: "ChangeDecision" });

export const withdrawChangeSchema = z.object({ id: idField, version: versionField }).strict();

export const CHANGE_STATUSES = ["PENDING", "LEADER_PENDING", "APPROVED", "REJECTED", "WITHDRAWN"] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

/** The 调整情况 list's view, read leniently from the URL: a bad value falls back to its default. */
export function parseChangeListParams(params: Record<string, string | string[] | undefined>): {
  year: number | null;
  status: ChangeStatus | null;
  page: number;
} {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
  const year = Number.parseInt(first(params.year), 10);
  const page = Number.parseInt(first(params.page), 10);
  const status = first(params.status);
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null,
    status: (CHANGE_STATUSES as readonly string[]).includes(status) ? (status as ChangeStatus) : null,
    page: Number.isInteger(page) && page > 0 ? Math.min(page, 10_000) : 1,
  };
}
