// Simplified Chinese: the default catalogue. en.ts must have exactly the same keys (checked by
// the type `Messages` and by a unit test).
export const zhCN = {
  app: {
    name: "改革任务管理平台",
    committeeSuffix: "全面深化改革委员会",
    tagline: "年度改革任务 · 进度报送 · 督查督办 · 考核评价",
  },
  common: {
    signOut: "退出登录",
    language: "语言",
    underConstruction: "建设中",
    underConstructionHint: "本栏目正在建设，上线后将提供以下功能：",
    tracked: "开发进度见需求 #{issue}",
    backHome: "返回首页",
    loading: "加载中…",
    online: "已上线",
    role: "角色",
    unit: "单位",
    notFound: "页面不存在或无权访问",
    errorTitle: "出错了",
    errorHint: "系统遇到意外错误，请稍后重试。如问题持续，请将请求编号告知管理员。",
    retry: "重试",
  },
  login: {
    title: "登录",
    subtitle: "请使用单位分配的账号登录",
    username: "用户名",
    password: "密码",
    submit: "登录",
    submitting: "正在登录…",
    invalid: "用户名或密码错误",
    required: "请输入{field}",
    demoHint: "演示账号（密码均为 {password}）",
    footer: "本系统仅限工作人员使用，所有操作将被记录审计",
  },
  nav: {
    home: "首页",
    dashboard: "领导驾驶舱",
    tasks: "任务台账",
    reports: "进度报送",
    supervision: "督查督办",
    assessment: "考核评价",
    library: "改革成果库",
    admin: "系统管理",
    audit: "审计日志",
  },
  roles: {
    ADMIN: "系统管理员",
    SECURITY_ADMIN: "安全管理员",
    AUDITOR: "审计管理员",
    OFFICE: "改革办",
    LEADER: "领导",
    GROUP_LIAISON: "专项小组联络员",
    UNIT_REPORTER: "单位填报员",
  },
  home: {
    greeting: "{name}，您好",
    intro: "您以「{roles}」身份登录{committee}。",
    sections: "功能栏目",
  },
  sections: {
    dashboard: {
      title: "领导驾驶舱",
      summary: "任务总数、已完成、按序时推进、滞后、严重滞后的实时统计，红黄绿灯预警，按专项小组和单位排名。",
      features: ["领导驾驶舱与大屏模式", "改革办工作台、单位工作台", "待办、逾期、已完成清单", "挂图作战时间轴"],
      issue: "6",
    },
    tasks: {
      title: "任务台账",
      summary: "年度工作要点分解为改革任务，明确牵头单位、配合单位、挂钩领导和序时进度。",
      features: ["年度工作要点与工作要点条目", "任务台账的筛选、排序与导出", "Excel 导入导出", "对账销号"],
      issue: "4",
    },
    reports: {
      title: "进度报送",
      summary: "“1+2”报送体系：单位月报、专项小组季报、挂钩重点任务季报，审核退回与催报。",
      features: ["月度任务进展报送", "改革信息月报", "季度报告与 Word 导出", "报送情况统计与一键催报"],
      issue: "5",
    },
    supervision: {
      title: "督查督办",
      summary: "对滞后任务下发督办单，单位反馈原因剖析、应对措施和整改时限，改革办跟踪办结。",
      features: ["督办单下发与编号", "单位反馈与退回", "整改跟踪与逾期升级", "公文格式导出"],
      issue: "7",
    },
    assessment: {
      title: "考核评价",
      summary: "按指标体系对单位进行年度考核，每项得分可追溯到任务和报告，支持申诉与发布。",
      features: ["考核方案与权重", "自动计分与加减分", "排名与导出", "申诉处理"],
      issue: "7",
    },
    library: {
      title: "改革成果库",
      summary: "微改革项目库、典型案例与表彰宣传推介，计入考核创新加分。",
      features: ["微改革申报、入库、推广", "典型案例", "表彰与宣传推介"],
      issue: "7",
    },
    admin: {
      title: "系统管理",
      summary: "用户、单位、专项小组和系统设置管理，三员分立。",
      features: ["用户与角色授权", "单位与专项小组", "预警阈值与报送时限设置", "账号安全策略"],
      issue: "3",
    },
    audit: {
      title: "审计日志",
      summary: "登录、授权和所有数据变更的审计记录，仅审计管理员可查看。",
      features: ["按操作人、对象、事件和日期筛选", "导出 Excel"],
      issue: "3",
    },
  },
} as const;

type DeepStrings<T> = T extends string
  ? string
  : T extends readonly string[]
    ? readonly string[]
    : { readonly [K in keyof T]: DeepStrings<T[K]> };

export type Messages = DeepStrings<typeof zhCN>;
