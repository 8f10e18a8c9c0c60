import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/server/errors";
import { taskFormValues } from "@/lib/tasks/queries";
import { createTaskSchema, taskPatchSchema } from "@/lib/tasks/schemas";
import { createTask, updateTask } from "@/lib/tasks/service";
import { defineEndpoint } from "../endpoint";
import { getTaskDetail, listTasks } from "../reads";
import { idPathSchema, taskDetailSchema, taskPageSchema, taskQuerySchema, tasksQuerySchema } from "../schemas";

const TAG = "改革任务";

export const listTasksEndpoint = defineEndpoint({
  method: "GET",
  path: "/tasks",
  operationId: "listTasks",
  tag: TAG,
  summary: "任务台账：按筛选条件分页列出调用者范围内的改革任务及其灯色",
  description:
    "单位填报员只看到本单位牵头或配合的任务；办公室、领导看到本委员会（及下级）的任务。灯色、序时进度与亮灯原因（reasons：code 与文字说明 text）按 asOf 当日计算。",
  auth: "bearer",
  query: tasksQuerySchema,
  response: taskPageSchema,
  errors: [401, 403, 422, 429],
  handle: ({ caller, query, locale }) => listTasks(caller.actor, query, locale),
});

export const createTaskEndpoint = defineEndpoint({
  method: "POST",
  path: "/tasks",
  operationId: "createTask",
  tag: TAG,
  summary: "新建改革任务（改革办）",
  description:
    "日期为 YYYY-MM-DD；code 留空则按“年度-专项小组简称-序号”自动编号；milestones 为序时进度节点（百分比递增，最后一个可为 100）。",
  auth: "bearer",
  body: createTaskSchema,
  response: taskDetailSchema,
  status: 201,
  errors: [400, 401, 403, 404, 422, 429],
  async handle({ caller, rawBody, locale }) {
    // the service parses the body itself (its days become dates): it gets the body as sent
    const { id } = await createTask(caller.actor, rawBody);
    return getTaskDetail(caller.actor, id, { locale });
  },
});

export const getTaskEndpoint = defineEndpoint({
  method: "GET",
  path: "/tasks/{id}",
  operationId: "getTask",
  readOf: { event: "task.read", targetType: "ReformTask" },
  tag: TAG,
  summary: "一项任务：基本信息、灯色及亮灯原因、序时进度节点和最近一期月报",
  description: "灯色、序时进度与亮灯原因默认按今天计算；办公室、领导可用 asOf 查看某日的情况，与门户任务页相同。",
  auth: "bearer",
  params: idPathSchema,
  query: taskQuerySchema,
  response: taskDetailSchema,
  errors: [401, 403, 404, 422, 429],
  handle: ({ caller, params, query, locale }) => getTaskDetail(caller.actor, params.id, { locale, asOf: query.asOf }),
});

/** The saved task in the update's terms, for a partial edit to be merged onto. */
async function savedValues(actor: Actor, id: string) {
  const form = await taskFormValues(actor, id);
  if (!form) throw new NotFoundError();
  const { id: _id, version: _version, ...fields } = form;
  // the form holds a blank pilot level as ""; the update takes null
  return { ...fields, pilotLevel: fields.pilotLevel || null };
}

export const updateTaskEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/tasks/{id}",
  operationId: "updateTask",
  tag: TAG,
  summary: "修改任务（改革办）：只传要改的字段，并带回读取时的 version",
  description:
    "version 与当前不一致时返回 409，不会覆盖他人的修改。milestones 整体替换：保留的节点带回其 id（完成日期随之保留）。已销号任务须先重新打开才能修改。",
  auth: "bearer",
  params: idPathSchema,
  body: taskPatchSchema,
  response: taskDetailSchema,
  errors: [400, 401, 403, 404, 409, 422, 429],
  async handle({ caller, params, rawBody, locale }) {
    // getTaskDetail first: a task outside the caller's scope is 404 before anything else
    await getTaskDetail(caller.actor, params.id, { locale });
    const saved = await savedValues(caller.actor, params.id);
    // Only the fields the caller sent (the patch schema has already checked them), as sent: the
    // update validates the merged whole, so a field left out keeps its saved value.
    const sent = rawBody as Record<string, unknown>;
    await updateTask(caller.actor, { ...saved, ...sent, id: params.id });
    return getTaskDetail(caller.actor, params.id, { locale });
  },
});
