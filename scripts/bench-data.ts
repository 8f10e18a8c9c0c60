// tsx scripts/with-db.ts -- tsx scripts/bench-data.ts [--reset] [--database NAME]
// Generates a province-scale data set for scripts/bench-dashboard.ts into a database of its own
// (default `reform_bench`, on the server of DATABASE_URL): one province committee over 100 city/county
// committees, each with 40 units, the ten special groups, a plan for BENCH_YEAR, 300 tasks (30,000 in
// all) with milestones and cooperating units, ~300,000 progress reports over January–November (mixed
// statuses, on time / late / missing), unit monthly and quarterly reports, supervision notices and
// close-out requests. Everything is set-based SQL (INSERT … SELECT … generate_series) and
// deterministic: every "random" choice is a hash of the row's key (no random()), so two runs give
// the same rows. Idempotent: a database that already holds the set is left alone; --reset drops and
// recreates it. ANALYZE at the end. Not a test and not the demo: numbers to time, nothing to read.
import pg from "pg";
import { dropDatabase, ensureDatabase, withDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

/** The year of the data set and the day it is "as of" (reports after it do not exist yet). */
export const BENCH_YEAR = 2026;
export const BENCH_AS_OF = "2026-11-22";
export const BENCH_DATABASE = "reform_bench";
export const BENCH_PROVINCE_ID = "bench-p";

const CHILDREN = 100;
const UNITS_PER_COMMITTEE = 40;
const TASKS_PER_COMMITTEE = 300;
const LEADERS_PER_COMMITTEE = 5;

const GROUPS: [string, string][] = [
  ["经济体制和生态文明体制改革", "经济"],
  ["农村综合改革", "农村"],
  ["城市建设管理体制改革", "城建"],
  ["科技创新领域改革", "科技"],
  ["民主法制领域改革", "法制"],
  ["文化体制改革", "文化"],
  ["社会事业体制改革", "社会"],
  ["社会治理体制改革", "治理"],
  ["党的建设制度改革", "党建"],
  ["纪检监察体制改革", "纪检"],
];

const sqlArray = (values: string[]) => `ARRAY[${values.map((value) => `'${value}'`).join(",")}]`;

/** The generation, statement by statement (labels are printed with their timings). */
function steps(): [string, string][] {
  const Y = BENCH_YEAR;
  const asOf = `DATE '${BENCH_AS_OF}'`;
  // Beijing 10:00 on a day, as timestamptz
  const at = (day: string) => `((${day})::timestamp + interval '10 hours') AT TIME ZONE 'Asia/Shanghai'`;
  const groupNames = sqlArray(GROUPS.map(([name]) => `${name}专项小组`));
  const groupShort = sqlArray(GROUPS.map(([, short]) => short));
  const unitKinds = `ARRAY['PARTY_DEPT','GOV_DEPT','GOV_DEPT','GOV_DEPT','TOWN','STREET','PARK','OTHER']::"UnitKind"[]`;
  const cap = `LEAST(%, ${at(`${asOf} - 1`)})`; // nothing happened after the day before asOf
  const capped = (expr: string) => cap.replace("%", expr);

  return [
    [
      "helpers",
      // h(key) in [0, 1): a deterministic hash, the fixed seed of the whole set
      `CREATE FUNCTION pg_temp.h(key text) RETURNS double precision LANGUAGE sql IMMUTABLE AS
         $$ SELECT ('x' || substr(md5('bench-2026:' || key), 1, 8))::bit(32)::bigint / 4294967296.0 $$`,
    ],
    [
      "committees",
      `CREATE TEMP TABLE bc AS
         SELECT '${BENCH_PROVINCE_ID}'::text AS id, 0 AS idx
         UNION ALL SELECT 'bench-c' || lpad(i::text, 3, '0'), i FROM generate_series(1, ${CHILDREN}) i;
       INSERT INTO "Committee" (id, name, "regionName", "officeName", "docPrefix", level, "parentId", "updatedAt")
       SELECT id,
              CASE WHEN idx = 0 THEN '中共江南省委全面深化改革委员会' ELSE '中共第' || idx || (CASE WHEN idx <= 12 THEN '市' ELSE '县' END) || '委全面深化改革委员会' END,
              CASE WHEN idx = 0 THEN '江南省' ELSE '第' || idx || (CASE WHEN idx <= 12 THEN '市' ELSE '县' END) END,
              CASE WHEN idx = 0 THEN '省委改革办' WHEN idx <= 12 THEN '市委改革办' ELSE '县委改革办' END,
              CASE WHEN idx = 0 THEN '江改' ELSE '改' || idx END,
              (CASE WHEN idx = 0 THEN 'PROVINCE' WHEN idx <= 12 THEN 'CITY' ELSE 'COUNTY' END)::"RegionLevel",
              CASE WHEN idx = 0 THEN NULL ELSE '${BENCH_PROVINCE_ID}' END,
              now()
       FROM bc ORDER BY idx;
       INSERT INTO "CommitteeSettings" ("committeeId", "updatedAt") SELECT id, now() FROM bc`,
    ],
    [
      "units, groups, users, roles",
      `INSERT INTO "Unit" (id, "committeeId", name, kind, "sortOrder", "updatedAt")
       SELECT bc.id || '-u' || lpad(j::text, 2, '0'), bc.id, '第' || j || '单位', (${unitKinds})[1 + j % 8], j, now()
       FROM bc CROSS JOIN generate_series(1, ${UNITS_PER_COMMITTEE}) j;
       INSERT INTO "SpecialGroup" (id, "committeeId", name, "shortName", "sortOrder", "liaisonUnitId", "updatedAt")
       SELECT bc.id || '-g' || k, bc.id, (${groupNames})[k], (${groupShort})[k], k, bc.id || '-u' || lpad(k::text, 2, '0'), now()
       FROM bc CROSS JOIN generate_series(1, 10) k;
       INSERT INTO "SpecialGroupMember" (id, "groupId", role, "unitId", "sortOrder")
       SELECT bc.id || '-g' || (1 + (j - 1) % 10) || '-m' || j, bc.id || '-g' || (1 + (j - 1) % 10), 'MEMBER_UNIT',
              bc.id || '-u' || lpad(j::text, 2, '0'), j
       FROM bc CROSS JOIN generate_series(1, ${UNITS_PER_COMMITTEE}) j;
       INSERT INTO "User" (id, username, name, "unitId", "isLeader", "leaderTitle", "updatedAt")
       SELECT bc.id || '-office', bc.id || '.office', '改革办' || bc.idx, bc.id || '-u01', false, NULL, now() FROM bc
       UNION ALL
       SELECT bc.id || '-l' || n, bc.id || '.leader' || n, '领导' || bc.idx || '-' || n, NULL, true,
              CASE WHEN bc.idx = 0 THEN '副省长' WHEN bc.idx <= 12 THEN '副市长' ELSE '副县长' END, now()
       FROM bc CROSS JOIN generate_series(1, ${LEADERS_PER_COMMITTEE}) n
       UNION ALL
       SELECT bc.id || '-u' || lpad(j::text, 2, '0') || '-rep', bc.id || '.rep' || j, '填报员' || bc.idx || '-' || j,
              bc.id || '-u' || lpad(j::text, 2, '0'), false, NULL, now()
       FROM bc CROSS JOIN generate_series(1, ${UNITS_PER_COMMITTEE}) j;
       INSERT INTO "RoleAssignment" (id, "userId", "committeeId", role, "unitId", "groupId")
       SELECT bc.id || '-office-r', bc.id || '-office', bc.id, 'OFFICE'::"Role", NULL, NULL FROM bc
       UNION ALL
       SELECT bc.id || '-l' || n || '-r', bc.id || '-l' || n, bc.id, 'LEADER', NULL, NULL
       FROM bc CROSS JOIN generate_series(1, ${LEADERS_PER_COMMITTEE}) n
       UNION ALL
       SELECT bc.id || '-u' || lpad(j::text, 2, '0') || '-rep-r', bc.id || '-u' || lpad(j::text, 2, '0') || '-rep', bc.id,
              'UNIT_REPORTER', bc.id || '-u' || lpad(j::text, 2, '0'), NULL
       FROM bc CROSS JOIN generate_series(1, ${UNITS_PER_COMMITTEE}) j`,
    ],
    [
      "plans and work points",
      `INSERT INTO "WorkPlan" (id, "committeeId", year, title, "docNumber", "issuedOn", "updatedAt")
       SELECT bc.id || '-plan', bc.id, ${Y}, ${Y} || '年全面深化改革工作要点', '改发〔${Y}〕1号', DATE '${Y}-02-15', now() FROM bc;
       INSERT INTO "WorkPoint" (id, "planId", "groupId", number, title, "sortOrder", "updatedAt")
       SELECT bc.id || '-wp' || k || '-' || m, bc.id || '-plan', bc.id || '-g' || k, '(' || m || ')',
              '工作要点' || k || '-' || m, k * 10 + m, now()
       FROM bc CROSS JOIN generate_series(1, 10) k CROSS JOIN generate_series(1, 3) m`,
    ],
    [
      "tasks (30,000)",
      // tk: the tasks with every derived choice, kept for the report steps
      `CREATE TEMP TABLE tk AS
       WITH raw AS (
         SELECT bc.id AS cid, bc.idx, n, bc.id || '-t' || lpad(n::text, 3, '0') AS id,
                1 + (n - 1) % 10 AS k, 1 + ((n - 1) / 10) % 3 AS m
         FROM bc CROSS JOIN generate_series(1, ${TASKS_PER_COMMITTEE}) n WHERE bc.idx > 0
       ), chosen AS (
         SELECT raw.*,
                1 + floor(pg_temp.h(id || 'lead') * ${UNITS_PER_COMMITTEE})::int AS lead,
                pg_temp.h(id || 'key') < 0.15 AS is_key,
                pg_temp.h(id || 'leader') AS hl,
                pg_temp.h(id || 'source') AS hs,
                pg_temp.h(id || 'status') AS hst,
                pg_temp.h(id || 'pace') AS pace,
                CASE WHEN pg_temp.h(id || 'future') < 0.03 THEN DATE '${Y}-12-01'
                     ELSE DATE '${Y}-01-01' + floor(pg_temp.h(id || 'start') * 120)::int END AS start_date
         FROM raw
       )
       SELECT c.*,
              LEAST(DATE '${Y}-12-31', c.start_date + 150 + floor(pg_temp.h(c.id || 'due') * 250)::int) AS due_date,
              CASE WHEN c.start_date > ${asOf} THEN 'ACTIVE'
                   WHEN c.hst < 0.10 THEN 'DONE' WHEN c.hst < 0.13 THEN 'PENDING_CLOSE'
                   WHEN c.hst < 0.14 THEN 'CANCELLED' ELSE 'ACTIVE' END AS status
       FROM chosen c;
       ALTER TABLE tk ADD COLUMN close_date date;
       UPDATE tk SET close_date = start_date + floor((${asOf} - 7 - start_date) * (0.6 + 0.4 * pace))::int WHERE status = 'DONE';
       INSERT INTO "ReformTask" (id, "committeeId", year, "planId", "workPointId", "groupId", code, title, goal, outcome,
         "leadUnitId", "leaderId", "isKey", source, "pilotLevel", "startDate", "dueDate", status, "closedAt", "updatedAt")
       SELECT id, cid, ${Y}, cid || '-plan', cid || '-wp' || k || '-' || m, cid || '-g' || k,
              '${Y}-' || (${groupShort})[k] || '-' || lpad(n::text, 3, '0'),
              '推进' || (${groupShort})[k] || '领域第' || n || '项改革任务',
              '到年底完成第' || n || '项改革目标', '制度文件',
              cid || '-u' || lpad(lead::text, 2, '0'),
              CASE WHEN is_key OR hl < 0.3 THEN cid || '-l' || (1 + floor(hl * ${LEADERS_PER_COMMITTEE})::int) END,
              is_key,
              (CASE WHEN hs < 0.6 THEN 'SELF' WHEN hs < 0.9 THEN 'SUPERIOR' ELSE 'PILOT' END)::"TaskSource",
              (CASE WHEN hs >= 0.9 THEN (CASE WHEN hs < 0.93 THEN 'NATIONAL' WHEN hs < 0.97 THEN 'PROVINCIAL' ELSE 'CITY' END) END)::"Level",
              start_date, due_date, status::"TaskStatus",
              CASE WHEN status = 'DONE' THEN ${at("close_date")} END, now()
       FROM tk ORDER BY cid, n;
       INSERT INTO "TaskCooperatingUnit" ("taskId", "unitId", "sortOrder")
       SELECT id, cid || '-u' || lpad((1 + (lead - 1 + 1 + floor(pg_temp.h(id || 'co1') * 19)::int) % ${UNITS_PER_COMMITTEE})::text, 2, '0'), 1 FROM tk
       UNION ALL
       SELECT id, cid || '-u' || lpad((1 + (lead - 1 + 20 + floor(pg_temp.h(id || 'co2') * 19)::int) % ${UNITS_PER_COMMITTEE})::text, 2, '0'), 2 FROM tk`,
    ],
    [
      "milestones (4 a task)",
      `INSERT INTO "Milestone" (id, "taskId", title, "plannedDate", "plannedPercent", "completedOn", "sortOrder")
       SELECT tk.id || '-m' || q, tk.id, '第' || q || '阶段', d.planned, 25 * q,
              CASE WHEN d.planned <= ${asOf} AND pg_temp.h(tk.id || 'ms' || q) < 0.8
                   THEN LEAST(${asOf}, d.planned + floor(pg_temp.h(tk.id || 'msd' || q) * 25)::int - 5) END,
              q
       FROM tk CROSS JOIN generate_series(1, 4) q
       CROSS JOIN LATERAL (SELECT tk.start_date + ((tk.due_date - tk.start_date) * q) / 4 AS planned) d`,
    ],
    [
      "lead progress reports",
      // months from the start month to October (due 5 November, before asOf), November drafts for a
      // quarter of the tasks; 4% of the months missing; 15% first submitted late
      `CREATE TEMP TABLE lr AS
       SELECT tk.id AS task_id, tk.cid, tk.cid || '-u' || lpad(tk.lead::text, 2, '0') AS unit_id, tk.start_date, tk.due_date, tk.pace,
              tk.status AS task_status, mo, make_date(${Y}, mo, 1) AS period,
              make_date(${Y}, mo, 1) + interval '1 month' + interval '4 days' AS due_on,
              pg_temp.h(tk.id || 'st' || mo) AS hs, pg_temp.h(tk.id || 'late' || mo) AS hl, pg_temp.h(tk.id || 'day' || mo) AS hd
       FROM tk CROSS JOIN generate_series(1, 11) mo
       WHERE tk.status <> 'CANCELLED' AND tk.start_date <= ${asOf}
         AND make_date(${Y}, mo, 1) >= date_trunc('month', tk.start_date)
         AND (tk.close_date IS NULL OR make_date(${Y}, mo, 1) <= tk.close_date)
         AND (mo = 11 AND pg_temp.h(tk.id || 'nov') < 0.25 OR mo <= 10 AND pg_temp.h(tk.id || 'miss' || mo) >= 0.04);
       INSERT INTO "ProgressReport" (id, "taskId", "unitId", kind, period, progress, percent, problems, "nextSteps", status,
         "submittedAt", "firstSubmittedAt", "submittedById", "reviewedAt", "reviewedById", "updatedAt")
       SELECT r.task_id || '-r' || r.mo, r.task_id, r.unit_id, 'LEAD', r.period, '本月推进情况', x.percent, '无', '继续推进',
              x.status::"ReportStatus",
              CASE WHEN x.status <> 'DRAFT' THEN x.submitted END,
              CASE WHEN x.status <> 'DRAFT' THEN x.submitted END,
              CASE WHEN x.status <> 'DRAFT' THEN r.unit_id || '-rep' END,
              CASE WHEN x.status IN ('APPROVED', 'RETURNED') THEN ${capped("x.submitted + (1 + floor(r.hd * 3)) * interval '1 day'")} END,
              CASE WHEN x.status IN ('APPROVED', 'RETURNED') THEN r.cid || '-office' END,
              now()
       FROM lr r
       CROSS JOIN LATERAL (
         SELECT CASE WHEN r.mo = 11 THEN 'DRAFT'
                     WHEN r.mo = 10 THEN (CASE WHEN r.hs < 0.6 THEN 'APPROVED' WHEN r.hs < 0.95 THEN 'SUBMITTED' ELSE 'RETURNED' END)
                     ELSE (CASE WHEN r.hs < 0.95 THEN 'APPROVED' WHEN r.hs < 0.97 THEN 'RETURNED' ELSE 'SUBMITTED' END) END AS status,
                ${capped(`((CASE WHEN r.hl < 0.85 THEN r.due_on - floor(r.hd * 6) * interval '1 day'
                                 ELSE r.due_on + (1 + floor(r.hd * 20)) * interval '1 day' END) + interval '10 hours') AT TIME ZONE 'Asia/Shanghai'`)} AS submitted,
                LEAST(100, GREATEST(0, round(100.0 * (1.15 * r.pace + 0.4) *
                  ((r.period + interval '1 month')::date - r.start_date)::numeric / GREATEST(1, r.due_date - r.start_date))))::int AS percent
       ) x`,
    ],
    [
      "contribution reports",
      `INSERT INTO "ProgressReport" (id, "taskId", "unitId", kind, period, progress, status,
         "submittedAt", "firstSubmittedAt", "reviewedAt", "updatedAt")
       SELECT r.task_id || '-c' || cu."sortOrder" || '-' || r.mo, r.task_id, cu."unitId", 'CONTRIBUTION', r.period, '配合推进情况',
              'APPROVED', s.at, s.at, s.at + interval '2 days', now()
       FROM lr r
       JOIN "TaskCooperatingUnit" cu ON cu."taskId" = r.task_id
       CROSS JOIN LATERAL (SELECT ((r.due_on - interval '2 days')::timestamp + interval '10 hours') AT TIME ZONE 'Asia/Shanghai' AS at) s
       WHERE r.mo <= 9 AND pg_temp.h(r.task_id || cu."unitId" || r.mo) < 0.16`,
    ],
    [
      "task actual progress",
      `UPDATE "ReformTask" t SET "actualPercent" = latest.percent, "actualPeriod" = latest.period
       FROM (SELECT DISTINCT ON ("taskId") "taskId", percent, period FROM "ProgressReport"
             WHERE kind = 'LEAD' AND status = 'APPROVED' AND percent IS NOT NULL
             ORDER BY "taskId", period DESC) latest
       WHERE latest."taskId" = t.id;
       UPDATE "ReformTask" SET "actualPercent" = 100 WHERE status = 'DONE'`,
    ],
    [
      "close-out requests",
      `INSERT INTO "CloseOutRequest" (id, "taskId", "unitId", summary, status, "appliedAt", "appliedById", "decidedAt", "decidedById", "decisionComment")
       SELECT tk.id || '-close', tk.id, tk.cid || '-u' || lpad(tk.lead::text, 2, '0'), '任务已完成，申请销号',
              (CASE tk.status WHEN 'DONE' THEN 'APPROVED' WHEN 'PENDING_CLOSE' THEN 'PENDING' ELSE 'RETURNED' END)::"CloseOutStatus",
              CASE WHEN tk.status = 'DONE' THEN ${at("tk.close_date - 3")}
                   ELSE ${at(`${asOf} - 1 - floor(pg_temp.h(tk.id || 'apply') * 40)::int`)} END,
              tk.cid || '-u' || lpad(tk.lead::text, 2, '0') || '-rep',
              CASE WHEN tk.status = 'DONE' THEN ${at("tk.close_date")}
                   WHEN tk.status = 'ACTIVE' THEN ${at(`${asOf} - 1`)} END,
              CASE WHEN tk.status <> 'PENDING_CLOSE' THEN tk.cid || '-office' END,
              CASE WHEN tk.status = 'ACTIVE' THEN '佐证材料不全' END
       FROM tk
       WHERE tk.status IN ('DONE', 'PENDING_CLOSE') OR (tk.status = 'ACTIVE' AND pg_temp.h(tk.id || 'closeret') < 0.03)`,
    ],
    [
      "supervision notices and answers",
      `CREATE TEMP TABLE sn AS
       SELECT tk.id AS task_id, tk.cid, tk.cid || '-u' || lpad(tk.lead::text, 2, '0') AS unit_id,
              row_number() OVER (PARTITION BY tk.cid ORDER BY tk.n) AS serial,
              DATE '${Y}-05-01' + floor(pg_temp.h(tk.id || 'nday') * (${asOf} - DATE '${Y}-05-01'))::int AS issued_on,
              pg_temp.h(tk.id || 'nlevel') AS hl, pg_temp.h(tk.id || 'nstatus') AS hs
       FROM tk WHERE tk.status IN ('ACTIVE', 'PENDING_CLOSE') AND tk.start_date <= ${asOf} AND pg_temp.h(tk.id || 'notice') < 0.05;
       INSERT INTO "SupervisionNotice" (id, "committeeId", "taskId", "unitId", year, serial, number, level, reason, "issuedAt",
         "issuedById", "responseDueDate", status, "closedAt", "updatedAt")
       SELECT sn.task_id || '-n', sn.cid, sn.task_id, sn.unit_id, ${Y}, sn.serial, c."docPrefix" || '督〔${Y}〕' || sn.serial || '号',
              (CASE WHEN sn.hl < 0.7 THEN 'GENERAL' WHEN sn.hl < 0.93 THEN 'KEY' ELSE 'LISTED' END)::"NoticeLevel",
              '任务进度滞后', ${at("sn.issued_on")}, sn.cid || '-office', sn.issued_on + 10,
              (CASE WHEN sn.issued_on > ${asOf} - 12 OR sn.hs < 0.2 THEN 'ISSUED' WHEN sn.hs < 0.35 THEN 'ANSWERED'
                    WHEN sn.hs < 0.42 THEN 'RETURNED' WHEN sn.hs < 0.7 THEN 'RECTIFYING' ELSE 'CLOSED' END)::"NoticeStatus",
              CASE WHEN NOT (sn.issued_on > ${asOf} - 12 OR sn.hs < 0.7) THEN ${at("sn.issued_on + 11")} END,
              now()
       FROM sn JOIN "Committee" c ON c.id = sn.cid;
       INSERT INTO "SupervisionResponse" (id, "noticeId", "causeAnalysis", countermeasures, "rectifyDeadline", "submittedAt",
         "submittedById", decision, "decidedAt", "decidedById")
       SELECT n.id || '-a', n.id, '原因剖析', '应对措施', n."responseDueDate" + 30, n."issuedAt" + interval '6 days', n."unitId" || '-rep',
              (CASE WHEN n.status = 'RETURNED' THEN 'RETURNED' WHEN n.status IN ('RECTIFYING', 'CLOSED') THEN 'ACCEPTED' END)::"ResponseDecision",
              CASE WHEN n.status <> 'ANSWERED' THEN n."issuedAt" + interval '8 days' END,
              CASE WHEN n.status <> 'ANSWERED' THEN n."committeeId" || '-office' END
       FROM "SupervisionNotice" n WHERE n.status <> 'ISSUED'`,
    ],
    [
      "unit monthly and quarterly reports",
      `INSERT INTO "UnitMonthlyReport" (id, "committeeId", "unitId", period, summary, status, "submittedAt", "firstSubmittedAt",
         "submittedById", "reviewedAt", "reviewedById", "updatedAt")
       SELECT u.id || '-umr' || mo, u."committeeId", u.id, make_date(${Y}, mo, 1), '本月改革信息',
              (CASE WHEN mo = 10 AND pg_temp.h(u.id || 'um' || mo) < 0.5 THEN 'SUBMITTED' ELSE 'APPROVED' END)::"ReportStatus",
              s.at, s.at, u.id || '-rep', s.at + interval '2 days', u."committeeId" || '-office', now()
       FROM "Unit" u CROSS JOIN generate_series(1, 10) mo
       CROSS JOIN LATERAL (SELECT ((make_date(${Y}, mo, 1) + interval '1 month' +
                                    (floor(pg_temp.h(u.id || 'umd' || mo) * 9) - 2) * interval '1 day')::timestamp
                                   + interval '10 hours') AT TIME ZONE 'Asia/Shanghai' AS at) s
       WHERE pg_temp.h(u.id || 'umiss' || mo) >= 0.05;
       INSERT INTO "QuarterlyReport" (id, "committeeId", year, quarter, kind, "subjectKey", "groupId", "taskId", "unitId", title, body,
         status, "submittedAt", "firstSubmittedAt", "reviewedAt", "updatedAt")
       SELECT g.id || '-q' || q, g."committeeId", ${Y}, q, 'GROUP'::"QuarterlyReportKind", 'G:' || g.id, g.id, NULL, g."liaisonUnitId", g.name || '第' || q || '季度工作报告',
              '季度进展', 'APPROVED'::"ReportStatus", s.at, s.at, s.at + interval '3 days', now()
       FROM "SpecialGroup" g CROSS JOIN generate_series(1, 3) q
       CROSS JOIN LATERAL (SELECT ((make_date(${Y}, 3 * q, 1) + interval '1 month' + interval '8 days')::timestamp
                                   + interval '10 hours') AT TIME ZONE 'Asia/Shanghai' AS at) s
       UNION ALL
       SELECT t.id || '-q' || q, t."committeeId", ${Y}, q, 'KEY_TASK', 'T:' || t.id, NULL, t.id, t."leadUnitId", t.title || '第' || q || '季度报告',
              '季度进展', 'APPROVED', s.at, s.at, s.at + interval '3 days', now()
       FROM "ReformTask" t CROSS JOIN generate_series(1, 3) q
       CROSS JOIN LATERAL (SELECT ((make_date(${Y}, 3 * q, 1) + interval '1 month' + interval '9 days')::timestamp
                                   + interval '10 hours') AT TIME ZONE 'Asia/Shanghai' AS at) s
       WHERE t."isKey" AND t."leaderId" IS NOT NULL AND t."startDate" <= make_date(${Y}, 3 * q, 1)`,
    ],
  ];
}

const COUNTED = [
  "Committee",
  "Unit",
  "User",
  "ReformTask",
  "Milestone",
  "TaskCooperatingUnit",
  "ProgressReport",
  "UnitMonthlyReport",
  "QuarterlyReport",
  "SupervisionNotice",
  "SupervisionResponse",
  "CloseOutRequest",
];

/** Row counts of the main tables and the size of the database, for the benchmark's header. */
export async function dataSetSize(client: pg.Client): Promise<{ counts: Record<string, number>; bytes: number }> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    counts[table] = Number(rows[0]!.n);
  }
  const { rows } = await client.query<{ bytes: string }>(`SELECT pg_database_size(current_database()) AS bytes`);
  return { counts, bytes: Number(rows[0]!.bytes) };
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run through scripts/with-db.ts");
  const flag = process.argv.indexOf("--database");
  const database = flag === -1 ? BENCH_DATABASE : process.argv[flag + 1]!;
  const admin = withDatabase(url, "postgres");
  const target = withDatabase(url, database);

  if (process.argv.includes("--reset")) {
    await dropDatabase(admin, database);
    console.log(`Dropped database ${database}.`);
  }
  await ensureDatabase(admin, database);
  await migrate(target, { log: console.log });

  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    const { rowCount } = await client.query(`SELECT 1 FROM "Committee" WHERE id = $1`, [BENCH_PROVINCE_ID]);
    if (rowCount) {
      console.log(`Database ${database} already holds the bench data set (pass --reset to regenerate it).`);
    } else {
      const started = performance.now();
      await client.query("SET synchronous_commit = off");
      await client.query("BEGIN");
      for (const [label, sql] of steps()) {
        const stepStarted = performance.now();
        await client.query(sql);
        console.log(`${label.padEnd(36)} ${((performance.now() - stepStarted) / 1000).toFixed(1).padStart(6)} s`);
      }
      await client.query("COMMIT");
      const analyzeStarted = performance.now();
      await client.query("ANALYZE");
      console.log(`${"ANALYZE".padEnd(36)} ${((performance.now() - analyzeStarted) / 1000).toFixed(1).padStart(6)} s`);
      console.log(`Generated in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
    }
    const { counts, bytes } = await dataSetSize(client);
    console.log(
      `\n${database}: ${Object.entries(counts)
        .map(([table, n]) => `${table} ${n}`)
        .join(", ")}; ${(bytes / 2 ** 20).toFixed(0)} MiB`,
    );
  } finally {
    await client.end();
  }
}

if (process.argv[1]?.endsWith("bench-data.ts")) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
