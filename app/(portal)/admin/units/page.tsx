import type { Metadata } from "next";
import { Badge, EmptyRow, PageTitle, Pagination, SearchBar, TableCard, td, th } from "@/components/admin/list-kit";
import { CreateUnitButton, UnitRowActions } from "@/components/admin/unit-forms";
import { requireSection } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getTranslator } from "@/lib/i18n/server";
import { listUnits, unitOptions } from "@/lib/org/queries";
import { parseUnitListParams, UNIT_KINDS } from "@/lib/org/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("admin.units.title") };
}

const selectClass = "block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

export default async function AdminUnitsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("admin");
  const { t } = await getTranslator();
  const params = parseUnitListParams(await searchParams);
  const canWrite = can(actor, "unit:write");
  const [page, targets] = await Promise.all([listUnits(actor, params), canWrite ? unitOptions(actor) : Promise.resolve([])]);
  const mergeTargets = targets.map((unit) => ({ value: unit.id, label: unit.label }));
  const columns = canWrite ? 6 : 5;

  return (
    <div className="space-y-4">
      <PageTitle
        title={t("admin.units.title")}
        actions={canWrite ? <CreateUnitButton kinds={UNIT_KINDS} /> : <Badge tone="grey">{t("admin.common.readOnly")}</Badge>}
      />
      <SearchBar path="/admin/units" q={params.q} size={params.size} placeholder={t("admin.units.searchPlaceholder")}>
        <div className="space-y-1">
          <label htmlFor="admin-kind" className="block text-xs font-medium text-slate-500">
            {t("admin.units.kind")}
          </label>
          <select id="admin-kind" name="kind" defaultValue={params.kind ?? ""} className={selectClass}>
            <option value="">{t("admin.common.all")}</option>
            {UNIT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`admin.units.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="admin-active" className="block text-xs font-medium text-slate-500">
            {t("admin.common.status")}
          </label>
          <select
            id="admin-active"
            name="active"
            defaultValue={params.active === null ? "" : String(params.active)}
            className={selectClass}
          >
            <option value="">{t("admin.common.all")}</option>
            <option value="true">{t("admin.status.active")}</option>
            <option value="false">{t("admin.status.inactive")}</option>
          </select>
        </div>
      </SearchBar>
      <TableCard>
        <table className="min-w-full divide-y divide-slate-200" data-testid="admin-units-table">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>
                {t("admin.units.name")}
              </th>
              <th scope="col" className={th}>
                {t("admin.units.shortName")}
              </th>
              <th scope="col" className={th}>
                {t("admin.units.kind")}
              </th>
              <th scope="col" className={th}>
                {t("admin.units.users")}
              </th>
              <th scope="col" className={th}>
                {t("admin.common.status")}
              </th>
              {canWrite && (
                <th scope="col" className={`${th} text-right`}>
                  {t("admin.common.actions")}
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.rows.length === 0 && <EmptyRow colSpan={columns} text={t("admin.common.empty")} />}
            {page.rows.map((unit) => (
              <tr key={unit.id} className="hover:bg-slate-50">
                <td className={`${td} font-medium text-slate-900`}>{unit.name}</td>
                <td className={td}>{unit.shortName ?? "—"}</td>
                <td className={`${td} whitespace-nowrap`}>{t(`admin.units.kinds.${unit.kind}`)}</td>
                <td className={td}>{unit.userCount}</td>
                <td className={td}>
                  {unit.mergedIntoName ? (
                    <Badge tone="grey">{t("admin.status.merged", { name: unit.mergedIntoName })}</Badge>
                  ) : unit.active ? (
                    <Badge tone="green">{t("admin.status.active")}</Badge>
                  ) : (
                    <Badge tone="grey">{t("admin.status.inactive")}</Badge>
                  )}
                </td>
                {canWrite && (
                  <td className={td}>
                    <UnitRowActions
                      unit={{
                        id: unit.id,
                        name: unit.name,
                        shortName: unit.shortName,
                        active: unit.active,
                        merged: Boolean(unit.mergedIntoName),
                        version: unit.version,
                      }}
                      mergeTargets={mergeTargets}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableCard>
      <Pagination
        path="/admin/units"
        query={{ q: params.q, kind: params.kind, active: params.active }}
        page={page.page}
        size={page.size}
        total={page.total}
      />
    </div>
  );
}
