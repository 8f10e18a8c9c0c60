import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApiTokens, type IssueBlock } from "@/components/admin/api-tokens";
import { Badge, PageTitle } from "@/components/admin/list-kit";
import { EditUserButton, GrantRoleButton, ResetPasswordButton, RevokeRoleButton, UserStateButton } from "@/components/admin/user-forms";
import { Card } from "@/components/ui/card";
import { listApiTokens } from "@/lib/api/token-queries";
import { isTokenUsable } from "@/lib/api/tokens";
import { requireSection } from "@/lib/auth/guards";
import { ADMIN_ROLES, can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { listGroups, unitOptions } from "@/lib/org/queries";
import { now } from "@/lib/server/clock";
import { NotFoundError } from "@/lib/server/errors";
import { getUser } from "@/lib/users/queries";
import { ROLES } from "@/lib/users/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("admin.users.title") };
}

async function loadUser(...args: Parameters<typeof getUser>) {
  try {
    return await getUser(...args);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireSection("admin");
  const { t, locale } = await getTranslator();
  const user = await loadUser(actor, (await params).id);
  const self = user.id === actor.userId;
  // Mirrors the service: the system administrator cannot take over the other administrators' accounts.
  const protectedAccount = user.roles.some((grant) => grant.role === "SECURITY_ADMIN" || grant.role === "AUDITOR");
  const canWrite = can(actor, "user:write");
  const canGrant = can(actor, "role:grant");
  const [units, groups, tokens] = await Promise.all([
    unitOptions(actor),
    canGrant ? listGroups(actor) : Promise.resolve([]),
    canWrite ? listApiTokens(actor, user.id) : Promise.resolve([]),
  ]);
  const unitChoices = units.map((unit) => ({ value: unit.id, label: unit.label }));

  // Mirrors the service: no tokens for one's own account, administrators' accounts (三员), disabled or role-less users.
  const tokenBlock: IssueBlock | null = self
    ? "self"
    : user.roles.some((grant) => ADMIN_ROLES.includes(grant.role))
      ? "admin"
      : user.disabled
        ? "disabled"
        : user.roles.length === 0
          ? "noRole"
          : null;
  const at = now();
  const tokenRows = tokens.map((token) => {
    const usable = isTokenUsable(
      {
        kind: "PERSONAL",
        sessionVersion: 0,
        expiresAt: token.expiresAt ? new Date(token.expiresAt) : null,
        revokedAt: token.revokedAt ? new Date(token.revokedAt) : null,
      },
      { sessionVersion: 0 },
      at,
    );
    return { ...token, status: usable ? ("active" as const) : token.revokedAt ? ("revoked" as const) : ("expired" as const) };
  });

  const rows: [string, string][] = [
    [t("admin.users.username"), user.username],
    [t("admin.users.name"), user.name + (user.isLeader && user.leaderTitle ? `（${user.leaderTitle}）` : "")],
    [t("admin.users.unit"), user.unitName ?? "—"],
    [t("admin.users.email"), user.email ?? "—"],
    [t("admin.users.phone"), user.phone ?? "—"],
    [t("admin.users.lastLogin"), user.lastLoginAt ? formatDateTime(user.lastLoginAt, locale) : t("admin.users.never")],
    [t("admin.users.createdAt"), formatDateTime(user.createdAt, locale)],
  ];

  return (
    <div className="space-y-6">
      <Link href="/admin/users" className="inline-flex items-center gap-1 text-sm text-brand-700 hover:underline">
        <ArrowLeft className="size-4" aria-hidden />
        {t("admin.common.back")}
      </Link>
      <PageTitle
        title={`${user.name} · ${user.username}`}
        actions={
          canWrite && (
            <>
              <EditUserButton user={user} units={unitChoices} />
              {!self && !protectedAccount && (
                <>
                  <ResetPasswordButton user={user} />
                  <UserStateButton user={user} />
                </>
              )}
            </>
          )
        }
      >
        <div className="flex flex-wrap gap-1">
          {user.disabled ? <Badge tone="grey">{t("admin.status.disabled")}</Badge> : <Badge tone="green">{t("admin.status.active")}</Badge>}
          {user.locked && <Badge tone="red">{t("admin.status.locked")}</Badge>}
          {user.mustChangePassword && <Badge tone="amber">{t("admin.status.mustChange")}</Badge>}
          {user.isLeader && <Badge tone="blue">{t("admin.users.leader")}</Badge>}
        </div>
      </PageTitle>
      {canWrite && protectedAccount && !self && <p className="text-sm text-slate-500">{t("admin.users.protectedHint")}</p>}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="p-5">
          <h3 className="mb-3 font-semibold text-slate-900">{t("admin.users.detail")}</h3>
          <dl className="divide-y divide-slate-100 text-sm">
            {rows.map(([label, value]) => (
              <div key={label} className="grid grid-cols-3 gap-2 py-2">
                <dt className="text-slate-500">{label}</dt>
                <dd className="col-span-2 text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>

        <Card className="p-5" data-testid="user-roles">
          <div className="mb-3 flex items-center justify-between gap-2">
            <h3 className="font-semibold text-slate-900">{t("admin.grants.title")}</h3>
            {canGrant && !self && (
              <GrantRoleButton
                userId={user.id}
                roles={ROLES}
                units={unitChoices}
                groups={groups.map((group) => ({ value: group.id, label: group.name }))}
              />
            )}
          </div>
          {canGrant && self && <p className="mb-3 text-sm text-slate-500">{t("admin.grants.selfHint")}</p>}
          {user.roles.length === 0 ? (
            <p className="text-sm text-slate-400">{t("admin.grants.none")}</p>
          ) : (
            <table className="min-w-full text-sm">
              <thead>
                <tr className="text-left text-xs text-slate-500">
                  <th scope="col" className="py-2 font-semibold">
                    {t("admin.grants.role")}
                  </th>
                  <th scope="col" className="py-2 font-semibold">
                    {t("admin.grants.scope")}
                  </th>
                  {canGrant && !self && (
                    <th scope="col" className="py-2">
                      <span className="sr-only">{t("admin.common.actions")}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {user.roles.map((grant) => (
                  <tr key={grant.id}>
                    <td className="py-2 font-medium text-slate-900">{t(`roles.${grant.role}`)}</td>
                    <td className="py-2 text-slate-600">{grant.unitName ?? grant.groupName ?? t("admin.grants.committeeScope")}</td>
                    {canGrant && !self && (
                      <td className="py-2 text-right">
                        <RevokeRoleButton grantId={grant.id} roleLabel={t(`roles.${grant.role}`)} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>

      {canWrite && <ApiTokens userId={user.id} tokens={tokenRows} issueBlock={tokenBlock} />}
    </div>
  );
}
