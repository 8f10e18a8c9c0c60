// The Excel template of a year's plan (工作要点 + 改革任务 + 序时进度): the sheets and columns the
// office fills in, shared by the template download, the import and the export.

export const SHEETS = { points: "工作要点", tasks: "改革任务", milestones: "序时进度", lists: "选项" } as const;

export const POINT_COLUMNS = [
  { key: "number", header: "编号", width: 12 },
  { key: "group", header: "专项小组", width: 30 },
  { key: "title", header: "工作要点", width: 60 },
] as const;

export const TASK_COLUMNS = [
  { key: "code", header: "任务编号（可空，自动生成）", width: 18 },
  { key: "point", header: "工作要点编号", width: 14 },
  { key: "group", header: "专项小组", width: 28 },
  { key: "title", header: "任务名称", width: 40 },
  { key: "goal", header: "改革目标", width: 50 },
  { key: "outcome", header: "成果形式", width: 12 },
  { key: "leadUnit", header: "牵头单位", width: 24 },
  { key: "cooperatingUnits", header: "配合单位（用顿号分隔）", width: 40 },
  { key: "leader", header: "挂钩县领导", width: 12 },
  { key: "isKey", header: "重点任务（是/否）", width: 10 },
  { key: "source", header: "任务来源", width: 12 },
  { key: "pilotLevel", header: "试点层级", width: 10 },
  { key: "startDate", header: "开始日期", width: 12 },
  { key: "dueDate", header: "完成时限", width: 12 },
] as const;

export const MILESTONE_COLUMNS = [
  { key: "task", header: "任务名称", width: 40 },
  { key: "title", header: "节点内容", width: 40 },
  { key: "plannedDate", header: "计划完成日期", width: 14 },
  { key: "plannedPercent", header: "计划累计进度（%）", width: 14 },
] as const;

export const SOURCE_LABELS = { SUPERIOR: "上级部署", SELF: "自主谋划", PILOT: "改革试点" } as const;
export const LEVEL_LABELS = { NATIONAL: "国家级", PROVINCIAL: "省级", CITY: "市级", COUNTY: "县级" } as const;
export const YES = "是";
export const NO = "否";
/** separators accepted between cooperating units */
export const UNIT_SEPARATORS = /[、,，;；\n]+/;
