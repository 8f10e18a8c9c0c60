import type { Metadata } from "next";
import Link from "next/link";
import { Badge, EmptyRow, PageTitle, TableCard, td, th } from "@/components/admin/list-kit";
import { CreateGroupButton } from "@/components/admin/group-forms";
import { requireSection } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getTranslator } from "@/lib/i18n/server";
import { listGroups, unitOptions } from "@/lib/org/queries";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("admin.groups.title") };
}

// A committee has a handful of special groups: one unpaged table.
export default async function AdminGroupsPage() {
  const actor = await requireSection("admin");
  const { t } = await getTranslator();
  const canWrite = can(actor, "group:write");
  const [groups, units] = await Promise.all([listGroups(actor), canWrite ? unitOptions(actor) : Promise.resolve([])]);

  return (
    <div className="space-y-4">
      <PageTitle
        title={t("admin.groups.title")}
        actions={
          canWrite ? (
            <CreateGroupButton units={units.map((unit) => ({ value: unit.id, label: unit.label }))} />
          ) : (
            <Badge tone="grey">{t("admin.common.readOnly")}</Badge>
          )
        }
      />
      <TableCard>
        <table className="min-w-full divide-y divide-slate-200">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>
                {t("admin.groups.name")}
              </th>
              <th scope="col" className={th}>
                {t("admin.groups.shortName")}
              </th>
              <th scope="col" className={th}>
                {t("admin.groups.heads")}
              </th>
              <th scope="col" className={th}>
                {t("admin.groups.liaisonUnit")}
              </th>
              <th scope="col" className={th}>
                {t("admin.groups.memberUnits")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {groups.length === 0 && <EmptyRow colSpan={5} text={t("admin.common.empty")} />}
            {groups.map((group) => (
              <tr key={group.id} className="hover:bg-slate-50">
                <td className={td}>
                  <Link href={`/admin/groups/${group.id}`} className="font-medium text-brand-700 hover:underline">
                    {group.name}
                  </Link>
                </td>
                <td className={td}>{group.shortName}</td>
                <td className={td}>{group.heads.join("、") || "—"}</td>
                <td className={td}>{group.liaisonUnitName ?? t("admin.groups.noLiaison")}</td>
                <td className={td}>{group.memberUnitCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableCard>
    </div>
  );
}
