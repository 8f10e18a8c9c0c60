import "server-only";
import { defineEndpoint } from "../endpoint";
import { dashboardSummary, listGroups, listLeaders, listUnits } from "../reads";
import { groupListSchema, leaderListSchema, summaryQuerySchema, summarySchema, unitListSchema } from "../schemas";

export const summaryEndpoint = defineEndpoint({
  method: "GET",
  path: "/dashboard/summary",
  operationId: "getDashboardSummary",
  tag: "驾驶舱",
  summary: "亮灯汇总：任务总数、各灯色数量，按专项小组和牵头单位分列",
  description: "与领导驾驶舱、任务台账同一套灯色规则；供会议室大屏和上级平台调用。",
  auth: "bearer",
  query: summaryQuerySchema,
  response: summarySchema,
  errors: [401, 403, 422, 429],
  handle: ({ caller, query }) => dashboardSummary(caller.actor, query),
});

export const unitsEndpoint = defineEndpoint({
  method: "GET",
  path: "/units",
  operationId: "listUnits",
  tag: "基础数据",
  summary: "本委员会的单位（牵头单位、配合单位）",
  auth: "bearer",
  response: unitListSchema,
  errors: [401, 403, 429],
  handle: ({ caller }) => listUnits(caller.actor),
});

export const groupsEndpoint = defineEndpoint({
  method: "GET",
  path: "/special-groups",
  operationId: "listSpecialGroups",
  tag: "基础数据",
  summary: "本委员会的专项小组",
  auth: "bearer",
  response: groupListSchema,
  errors: [401, 403, 429],
  handle: ({ caller }) => listGroups(caller.actor),
});

export const leadersEndpoint = defineEndpoint({
  method: "GET",
  path: "/leaders",
  operationId: "listLeaders",
  tag: "基础数据",
  summary: "挂钩改革任务的县领导",
  auth: "bearer",
  response: leaderListSchema,
  errors: [401, 403, 429],
  handle: ({ caller }) => listLeaders(caller.actor),
});
