import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddMemberButton, EditGroupButtons, RemoveMemberButton } from "@/components/admin/group-forms";
import { EmptyRow, PageTitle, TableCard, td, th } from "@/components/admin/list-kit";
import { requireSection } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getTranslator } from "@/lib/i18n/server";
import { getGroup, unitOptions } from "@/lib/org/queries";
import { GROUP_MEMBER_ROLES } from "@/lib/org/schemas";
import { NotFoundError } from "@/lib/server/errors";
import { leaderOptions, userOptions } from "@/lib/users/queries";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("admin.groups.title") };
}

async function loadGroup(...args: Parameters<typeof getGroup>) {
  try {
    return await getGroup(...args);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export default async function AdminGroupPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireSection("admin");
  const { t } = await getTranslator();
  const group = await loadGroup(actor, (await params).id);
  const canWrite = can(actor, "group:write");
  const [units, leaders, users] = canWrite
    ? await Promise.all([unitOptions(actor), leaderOptions(actor), userOptions(actor)])
    : [[], [], []];
  const choices = (options: { id: string; label: string }[]) => options.map((option) => ({ value: option.id, label: option.label }));

  return (
    <div className="space-y-6">
      <Link href="/admin/groups" className="inline-flex items-center gap-1 text-sm text-brand-700 hover:underline">
        <ArrowLeft className="size-4" aria-hidden />
        {t("admin.common.back")}
      </Link>
      <PageTitle title={group.name} actions={canWrite && <EditGroupButtons group={group} units={choices(units)} />}>
        <p className="text-sm text-slate-500">
          {t("admin.groups.shortName")}：{group.shortName} · {t("admin.groups.liaisonUnit")}：
          {group.liaisonUnitName ?? t("admin.groups.noLiaison")}
        </p>
      </PageTitle>
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-semibold text-slate-900">{t("admin.groups.members")}</h3>
        {canWrite && (
          <AddMemberButton
            groupId={group.id}
            roles={GROUP_MEMBER_ROLES}
            leaders={choices(leaders)}
            users={choices(users)}
            units={choices(units)}
          />
        )}
      </div>
      <TableCard>
        <table className="min-w-full divide-y divide-slate-200">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>
                {t("admin.groups.memberRole")}
              </th>
              <th scope="col" className={th}>
                {t("admin.groups.user")}
              </th>
              <th scope="col" className={th}>
                {t("admin.groups.unit")}
              </th>
              {canWrite && (
                <th scope="col" className={`${th} text-right`}>
                  {t("admin.common.actions")}
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {group.members.length === 0 && <EmptyRow colSpan={canWrite ? 4 : 3} text={t("admin.common.empty")} />}
            {group.members.map((member) => (
              <tr key={member.id}>
                <td className={`${td} font-medium text-slate-900`}>{t(`admin.groups.memberRoles.${member.role}`)}</td>
                <td className={td}>{member.userName ? `${member.userName}${member.userTitle ? `（${member.userTitle}）` : ""}` : "—"}</td>
                <td className={td}>{member.unitName ?? "—"}</td>
                {canWrite && (
                  <td className={`${td} text-right`}>
                    <RemoveMemberButton memberId={member.id} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableCard>
    </div>
  );
}
