import "server-only";
// 改革成果库: three tabs — micro-reforms (units propose, the office curates), typical cases and
// honours (the office records them). Filters and pages live in the URL; lists are paged in SQL.
import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { libraryChoices, listCases, listHonors, listMicroReforms } from "@/lib/library/queries";
import { now } from "@/lib/server/clock";
import { HONOR_LEVELS, MICRO_STATUSES, microFilterSchema, recordFilterSchema } from "@/lib/library/schemas";
import { FilterForm, FilterSelect, LibraryTabs, MicroStatusBadge, Pager, td, th, type LibraryTab } from "./library-list-kit";
import { MicroCuration, ProposeMicroButton } from "./micro-forms";
import { AddCaseButton, AddHonorButton, CaseRowActions, HonorRowActions, type RecordChoices } from "./record-forms";

type RawParams = Record<string, string | string[] | undefined>;

const first = (raw: RawParams) =>
  Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])) as Record<
    string,
    string | undefined
  >;

export async function LibraryPage({ actor, searchParams }: { actor: Actor; searchParams: RawParams }) {
  const { t } = await getTranslator();
  const params = first(searchParams);
  const tab: LibraryTab = params.tab === "cases" || params.tab === "honors" ? params.tab : "micro";
  const choices = await libraryChoices(actor);
  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900">{t("library.title")}</h2>
        <p className="max-w-3xl text-sm text-slate-500">{t("library.intro")}</p>
      </div>
      <LibraryTabs current={tab} t={t} />
      {tab === "micro" && <MicroTab actor={actor} params={params} choices={choices} />}
      {tab === "cases" && <CasesTab actor={actor} params={params} choices={choices} />}
      {tab === "honors" && <HonorsTab actor={actor} params={params} choices={choices} />}
    </div>
  );
}

type Choices = Awaited<ReturnType<typeof libraryChoices>>;

function recordChoices(choices: Choices): RecordChoices {
  return { units: choices.units, tasks: choices.tasks, micros: choices.micros, year: choices.years[0] ?? now().getUTCFullYear() };
}

function yearOptions(choices: Choices) {
  return choices.years.map((year) => ({ value: String(year), label: String(year) }));
}

async function MicroTab({ actor, params, choices }: { actor: Actor; params: Record<string, string | undefined>; choices: Choices }) {
  const { t, locale } = await getTranslator();
  const filter = microFilterSchema.parse(params);
  const page = await listMicroReforms(actor, filter);
  const base = {
    tab: "micro",
    q: filter.q,
    status: filter.status,
    unit: filter.unit,
    promoted: filter.promoted,
    year: filter.year?.toString(),
  };
  const canPropose =
    choices.ownUnitId !== null && can(actor, "library:propose", { committeeId: actor.committeeId, unitIds: [choices.ownUnitId] });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <FilterForm tab="micro" q={filter.q} qPlaceholder={t("library.filters.qPlaceholder")} t={t}>
          <FilterSelect
            name="status"
            label={t("library.filters.status")}
            value={filter.status}
            allLabel={t("library.filters.all")}
            options={MICRO_STATUSES.map((status) => ({ value: status, label: t(`library.status.${status}`) }))}
          />
          <FilterSelect
            name="unit"
            label={t("library.filters.unit")}
            value={filter.unit}
            allLabel={t("library.filters.all")}
            options={choices.units.map((unit) => ({ value: unit.id, label: unit.name }))}
          />
          <FilterSelect
            name="promoted"
            label={t("library.filters.promoted")}
            value={filter.promoted}
            allLabel={t("library.filters.all")}
            options={[
              { value: "yes", label: t("library.filters.yes") },
              { value: "no", label: t("library.filters.no") },
            ]}
          />
          <FilterSelect
            name="year"
            label={t("library.filters.year")}
            value={filter.year?.toString()}
            allLabel={t("library.filters.all")}
            options={yearOptions(choices)}
          />
        </FilterForm>
        {canPropose && <ProposeMicroButton tasks={choices.tasks} />}
      </div>
      <Card className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200">
          <thead className="bg-slate-50">
            <tr>
              <th className={th}>{t("library.micro.title")}</th>
              <th className={th}>{t("library.micro.unit")}</th>
              <th className={th}>{t("library.micro.year")}</th>
              <th className={th}>{t("library.micro.citizensServed")}</th>
              <th className={th}>{t("library.filters.status")}</th>
              {choices.curator && <th className={th}>{t("library.micro.curate")}</th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.rows.map((row) => (
              <tr key={row.id} data-testid="micro-row" data-id={row.id}>
                <td className={td}>
                  <Link href={`/library/micro/${row.id}`} className="font-medium text-brand-800 hover:underline">
                    {row.title}
                  </Link>
                  <p className="mt-0.5 line-clamp-2 text-xs text-slate-500">{row.problem}</p>
                </td>
                <td className={td}>{row.unitName}</td>
                <td className={td}>{row.year}</td>
                <td className={td}>{row.citizensServed === null ? "—" : formatNumber(row.citizensServed, locale)}</td>
                <td className={td}>
                  <MicroStatusBadge status={row.status} t={t} />
                  <p className="mt-0.5 text-xs text-slate-400">{formatDate(row.createdAt, locale)}</p>
                </td>
                {choices.curator && (
                  <td className={td}>
                    <MicroCuration id={row.id} version={row.version} status={row.status} />
                  </td>
                )}
              </tr>
            ))}
            {page.rows.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-8 text-center text-sm text-slate-500">
                  {t("library.empty")}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </Card>
      <Pager total={page.total} page={page.page} size={page.size} base={base} t={t} />
    </div>
  );
}

async function CasesTab({ actor, params, choices }: { actor: Actor; params: Record<string, string | undefined>; choices: Choices }) {
  const { t, locale } = await getTranslator();
  const filter = recordFilterSchema.parse(params);
  const page = await listCases(actor, filter);
  const base = { tab: "cases", q: filter.q, unit: filter.unit, level: filter.level, year: filter.year?.toString() };
  const edit = recordChoices(choices);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <FilterForm tab="cases" q={filter.q} qPlaceholder={t("library.filters.qRecords")} t={t}>
          <RecordFilters filter={filter} choices={choices} t={t} />
        </FilterForm>
        {choices.curator && <AddCaseButton choices={edit} />}
      </div>
      <Card className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200">
          <thead className="bg-slate-50">
            <tr>
              <th className={th}>{t("library.cases.title")}</th>
              <th className={th}>{t("library.cases.unit")}</th>
              <th className={th}>{t("library.cases.level")}</th>
              <th className={th}>{t("library.cases.publishedIn")}</th>
              <th className={th}>{t("library.cases.publishedOn")}</th>
              <th className={th}>{t("library.cases.task")}</th>
              {choices.curator && <th className={th} />}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.rows.map((row) => (
              <tr key={row.id} data-testid="case-row" data-id={row.id}>
                <td className={td}>
                  <p className="font-medium text-slate-900">{row.title}</p>
                  {row.summary && <p className="mt-0.5 line-clamp-2 text-xs text-slate-500">{row.summary}</p>}
                </td>
                <td className={td}>{row.unitName}</td>
                <td className={td}>{t(`library.levels.${row.level}`)}</td>
                <td className={td}>{row.publishedIn ?? "—"}</td>
                <td className={td}>{row.publishedOn ? formatDate(new Date(`${row.publishedOn}T00:00:00+08:00`), locale) : "—"}</td>
                <td className={td}>{row.taskCode ?? row.microTitle ?? "—"}</td>
                {choices.curator && (
                  <td className={td}>
                    <CaseRowActions row={row} choices={edit} />
                  </td>
                )}
              </tr>
            ))}
            {page.rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-8 text-center text-sm text-slate-500">
                  {t("library.empty")}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </Card>
      <Pager total={page.total} page={page.page} size={page.size} base={base} t={t} />
    </div>
  );
}

function RecordFilters({
  filter,
  choices,
  t,
}: {
  filter: ReturnType<typeof recordFilterSchema.parse>;
  choices: Choices;
  t: Awaited<ReturnType<typeof getTranslator>>["t"];
}) {
  return (
    <>
      <FilterSelect
        name="unit"
        label={t("library.filters.unit")}
        value={filter.unit}
        allLabel={t("library.filters.all")}
        options={choices.units.map((unit) => ({ value: unit.id, label: unit.name }))}
      />
      <FilterSelect
        name="level"
        label={t("library.filters.level")}
        value={filter.level}
        allLabel={t("library.filters.all")}
        options={HONOR_LEVELS.map((level) => ({ value: level, label: t(`library.levels.${level}`) }))}
      />
      <FilterSelect
        name="year"
        label={t("library.filters.year")}
        value={filter.year?.toString()}
        allLabel={t("library.filters.all")}
        options={Array.from({ length: 5 }, (_, i) => {
          const year = String((choices.years[0] ?? now().getUTCFullYear()) - i);
          return { value: year, label: year };
        })}
      />
    </>
  );
}

async function HonorsTab({ actor, params, choices }: { actor: Actor; params: Record<string, string | undefined>; choices: Choices }) {
  const { t, locale } = await getTranslator();
  const filter = recordFilterSchema.parse(params);
  const page = await listHonors(actor, filter);
  const base = { tab: "honors", q: filter.q, unit: filter.unit, level: filter.level, year: filter.year?.toString() };
  const edit = recordChoices(choices);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <FilterForm tab="honors" q={filter.q} qPlaceholder={t("library.filters.qRecords")} t={t}>
          <RecordFilters filter={filter} choices={choices} t={t} />
        </FilterForm>
        {choices.curator && <AddHonorButton choices={edit} />}
      </div>
      <Card className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200">
          <thead className="bg-slate-50">
            <tr>
              <th className={th}>{t("library.honors.title")}</th>
              <th className={th}>{t("library.honors.unit")}</th>
              <th className={th}>{t("library.honors.kind")}</th>
              <th className={th}>{t("library.honors.level")}</th>
              <th className={th}>{t("library.honors.source")}</th>
              <th className={th}>{t("library.honors.awardedOn")}</th>
              <th className={th}>{t("library.honors.task")}</th>
              {choices.curator && <th className={th} />}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.rows.map((row) => (
              <tr key={row.id} data-testid="honor-row" data-id={row.id}>
                <td className={`${td} font-medium text-slate-900`}>{row.title}</td>
                <td className={td}>{row.unitName}</td>
                <td className={td}>{t(`library.kinds.${row.kind}`)}</td>
                <td className={td}>{t(`library.levels.${row.level}`)}</td>
                <td className={td}>{row.source ?? "—"}</td>
                <td className={td}>{row.awardedOn ? formatDate(new Date(`${row.awardedOn}T00:00:00+08:00`), locale) : "—"}</td>
                <td className={td}>{row.taskCode ?? "—"}</td>
                {choices.curator && (
                  <td className={td}>
                    <HonorRowActions row={row} choices={edit} />
                  </td>
                )}
              </tr>
            ))}
            {page.rows.length === 0 && (
              <tr>
                <td colSpan={8} className="px-3 py-8 text-center text-sm text-slate-500">
                  {t("library.empty")}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </Card>
      <Pager total={page.total} page={page.page} size={page.size} base={base} t={t} />
    </div>
  );
}
