// The demo's sign-in accounts. Plain data: printed by the launcher, read by the seed and by tests.
import type { Role } from "@/lib/db/prisma";

export const DEMO_PASSWORD = "Qinghu@2026";

export interface DemoAccount {
  username: string;
  role: Role;
  nameZh: string;
  descriptionZh: string;
  descriptionEn: string;
  /** home unit (工作单位), by catalogue name; also the scope of a UNIT_REPORTER */
  unitName: string | null;
  /** scope of a GROUP_LIAISON, by the special group's short name */
  groupShortName?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: "admin",
    role: "ADMIN",
    nameZh: "唐思齐",
    descriptionZh: "系统管理员：管理用户、单位和系统设置，不接触任务内容",
    descriptionEn: "System administrator: users, units and settings; no task content",
    unitName: "县委全面深化改革委员会办公室",
  },
  {
    username: "secadmin",
    role: "SECURITY_ADMIN",
    nameZh: "罗安然",
    descriptionZh: "安全管理员：授予角色、设置安全策略",
    descriptionEn: "Security administrator: grants roles and sets the security policy",
    unitName: "县委全面深化改革委员会办公室",
  },
  {
    username: "auditor",
    role: "AUDITOR",
    nameZh: "冯清扬",
    descriptionZh: "审计管理员：只读审计日志",
    descriptionEn: "Audit administrator: reads the audit log, nothing else",
    unitName: "县委办公室",
  },
  {
    username: "office",
    role: "OFFICE",
    nameZh: "陈晓雯",
    descriptionZh: "县委改革办工作人员：任务台账、审核报送、督办、销号、考核",
    descriptionEn: "Reform office staff: task ledger, report review, supervision notices, close-out, assessment",
    unitName: "县委全面深化改革委员会办公室",
  },
  {
    username: "leader",
    role: "LEADER",
    nameZh: "钱思远",
    descriptionZh: "副县长，深改委委员，挂钩多项重点改革任务",
    descriptionEn: "Deputy county head, committee member, linked to several key reform tasks",
    unitName: "县人民政府办公室",
  },
  {
    username: "liaison",
    role: "GROUP_LIAISON",
    nameZh: "彭一鸣",
    descriptionZh: "县发展和改革委员会，经济体制和生态文明体制改革专项小组联络员",
    descriptionEn: "Liaison of the economic and ecological reform special group (county development and reform commission)",
    unitName: "县发展和改革委员会",
    groupShortName: "经济",
  },
  {
    username: "reporter",
    role: "UNIT_REPORTER",
    nameZh: "赵明轩",
    descriptionZh: "县自然资源和规划局填报员：月度进度报送、督办反馈、销号申请",
    descriptionEn: "Reporter of the natural resources and planning bureau: monthly reports, notice answers, close-out",
    unitName: "县自然资源和规划局",
  },
  {
    username: "reporter2",
    role: "UNIT_REPORTER",
    nameZh: "孙禾苗",
    descriptionZh: "县农业农村局填报员：月度进度报送、督办反馈、销号申请",
    descriptionEn: "Reporter of the agriculture and rural affairs bureau: monthly reports, notice answers, close-out",
    unitName: "县农业农村局",
  },
];
