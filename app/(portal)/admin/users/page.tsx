import type { Metadata } from "next";
import Link from "next/link";
import { Badge, EmptyRow, PageTitle, Pagination, SearchBar, TableCard, td, th } from "@/components/admin/list-kit";
import { DutyViolations } from "@/components/admin/duty-violations";
import { CreateUserButton } from "@/components/admin/user-forms";
import { requireSection } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { unitOptions } from "@/lib/org/queries";
import { parseListParams } from "@/lib/org/schemas";
import { dutyViolations, listUsers } from "@/lib/users/queries";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("admin.users.title") };
}

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSection("admin");
  const { t, locale } = await getTranslator();
  const params = parseListParams(await searchParams);
  const canWrite = can(actor, "user:write");
  const [page, units, violations] = await Promise.all([
    listUsers(actor, params),
    canWrite ? unitOptions(actor) : Promise.resolve([]),
    can(actor, "role:grant") ? dutyViolations(actor) : Promise.resolve([]),
  ]);

  return (
    <div className="space-y-4">
      <PageTitle
        title={t("admin.users.title")}
        actions={
          canWrite ? (
            <CreateUserButton units={units.map((unit) => ({ value: unit.id, label: unit.label }))} />
          ) : (
            <Badge tone="grey">{t("admin.common.readOnly")}</Badge>
          )
        }
      />
      <DutyViolations violations={violations} />
      <SearchBar path="/admin/users" q={params.q} size={params.size} placeholder={t("admin.users.searchPlaceholder")} />
      <TableCard>
        <table className="min-w-full divide-y divide-slate-200" data-testid="admin-users-table">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>
                {t("admin.users.username")}
              </th>
              <th scope="col" className={th}>
                {t("admin.users.name")}
              </th>
              <th scope="col" className={th}>
                {t("admin.users.unit")}
              </th>
              <th scope="col" className={th}>
                {t("admin.users.roles")}
              </th>
              <th scope="col" className={th}>
                {t("admin.common.status")}
              </th>
              <th scope="col" className={th}>
                {t("admin.users.lastLogin")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.rows.length === 0 && <EmptyRow colSpan={6} text={t("admin.common.empty")} />}
            {page.rows.map((user) => (
              <tr key={user.id} className="hover:bg-slate-50">
                <td className={td}>
                  <Link href={`/admin/users/${user.id}`} className="font-medium text-brand-700 hover:underline">
                    {user.username}
                  </Link>
                </td>
                <td className={td}>{user.name}</td>
                <td className={td}>{user.unitName ?? "—"}</td>
                <td className={td}>
                  <div className="flex flex-wrap gap-1">
                    {user.roles.length === 0 && <span className="text-slate-400">{t("admin.common.none")}</span>}
                    {user.roles.map((grant) => (
                      <Badge key={grant.id} tone="blue">
                        {t(`roles.${grant.role}`)}
                        {grant.unitName || grant.groupName ? `·${grant.unitName ?? grant.groupName}` : ""}
                      </Badge>
                    ))}
                  </div>
                </td>
                <td className={td}>
                  <div className="flex flex-wrap gap-1">
                    {user.disabled ? (
                      <Badge tone="grey">{t("admin.status.disabled")}</Badge>
                    ) : (
                      <Badge tone="green">{t("admin.status.active")}</Badge>
                    )}
                    {user.locked && <Badge tone="red">{t("admin.status.locked")}</Badge>}
                    {user.mustChangePassword && <Badge tone="amber">{t("admin.status.mustChange")}</Badge>}
                  </div>
                </td>
                <td className={`${td} whitespace-nowrap`}>
                  {user.lastLoginAt ? formatDateTime(user.lastLoginAt, locale) : t("admin.users.never")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableCard>
      <Pagination path="/admin/users" query={{ q: params.q }} page={page.page} size={page.size} total={page.total} />
    </div>
  );
}
