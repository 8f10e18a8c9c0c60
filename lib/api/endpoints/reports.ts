import "server-only";
import { z } from "zod";
import { fileReportSchema } from "@/lib/reports/progress-schemas";
import { approveReport, fileReport, returnReport } from "@/lib/reports/progress-service";
import { optionalTextField, versionField } from "@/lib/validation/fields";
import { defineEndpoint } from "../endpoint";
import { complianceOf, getReport, listTaskReports } from "../reads";
import { complianceQuerySchema, complianceSchema, idPathSchema, reportListSchema, reportSchema } from "../schemas";

const TAG = "进展报送";

export const listTaskReportsEndpoint = defineEndpoint({
  method: "GET",
  path: "/tasks/{id}/reports",
  operationId: "listTaskReports",
  readOf: { event: "report.list", targetType: "ReformTask" },
  tag: TAG,
  summary: "一项任务的月度进展报告（牵头单位月报与配合单位协同进展），按月份倒序",
  description: "草稿只对填报单位自己可见。",
  auth: "bearer",
  params: idPathSchema,
  response: reportListSchema,
  errors: [401, 403, 404, 429],
  handle: ({ caller, params }) => listTaskReports(caller.actor, params.id),
});

export const fileReportBodySchema = fileReportSchema.omit({ taskId: true }).meta({
  id: "FileReport",
  description:
    "period 为月份 YYYY-MM；percent 为累计完成百分比 0–100，低于上次审核通过的百分比时须填 percentDropReason；submit 为 true 时保存并提交审核（一步完成，失败则什么都不保存），否则保存为草稿。修改已有草稿或被退回的报告时带回其 version。",
});

export const fileReportEndpoint = defineEndpoint({
  method: "POST",
  path: "/tasks/{id}/reports",
  operationId: "fileTaskReport",
  tag: TAG,
  summary: "牵头单位填报（或修改）某月进展，可直接提交审核",
  auth: "bearer",
  params: idPathSchema,
  body: fileReportBodySchema,
  response: reportSchema,
  status: 201,
  errors: [400, 401, 403, 404, 409, 422, 429],
  async handle({ caller, params, body, rawBody }) {
    // the service parses the body itself (periods and percents); it gets it as sent
    const { report } = await fileReport(caller.actor, { ...(rawBody as object), taskId: params.id, submit: body.submit });
    return getReport(caller.actor, report.id);
  },
});

export const reviewBodySchema = z
  .object({
    decision: z.enum(["approve", "return"], "validation.invalid").meta({ description: "approve 通过 · return 退回" }),
    comment: optionalTextField(1000).meta({ description: "退回时必填：退回原因" }),
    version: versionField.optional().meta({ description: "读取报告时的 version；省略则按当前版本审核" }),
  })
  .strict()
  .meta({ id: "ReviewDecision" });

export const reviewReportEndpoint = defineEndpoint({
  method: "POST",
  path: "/reports/{id}/review",
  operationId: "reviewReport",
  tag: TAG,
  summary: "改革办审核月报：通过（approve）或退回（return，须填写意见）",
  description: "通过后任务的实际进度更新为该月报的百分比；退回会通知填报单位。只能审核已提交的报告。",
  auth: "bearer",
  params: idPathSchema,
  body: reviewBodySchema,
  response: reportSchema,
  errors: [400, 401, 403, 404, 409, 422, 429],
  async handle({ caller, params, body }) {
    const version = body.version ?? (await getReport(caller.actor, params.id)).version;
    if (body.decision === "approve") await approveReport(caller.actor, { id: params.id, version, comment: body.comment });
    else await returnReport(caller.actor, { id: params.id, version, comment: body.comment ?? "" });
    return getReport(caller.actor, params.id);
  },
});

export const complianceEndpoint = defineEndpoint({
  method: "GET",
  path: "/reports/compliance",
  operationId: "getCompliance",
  tag: TAG,
  summary: "某月报送情况：每个单位应报、按时、逾期、未报、退回的数量和及时率",
  description: "是否按时以首次提交时间（北京时间）与报送期限比较。单位填报员只看到本单位。",
  auth: "bearer",
  query: complianceQuerySchema,
  response: complianceSchema,
  errors: [401, 403, 422, 429],
  handle: ({ caller, query }) => complianceOf(caller.actor, query.period),
});
