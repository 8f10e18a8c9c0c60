import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import { RevokeRoleButton } from "@/components/admin/user-forms";
import { getTranslator } from "@/lib/i18n/server";
import type { DutyViolation } from "@/lib/users/queries";

/** The security administrator's list of people whose roles break 三员分立, each grant revocable in one click. */
export async function DutyViolations({ violations }: { violations: DutyViolation[] }) {
  const { t } = await getTranslator();
  if (violations.length === 0) return null;
  return (
    <section
      className="rounded-lg border border-red-200 bg-red-50 p-4"
      data-testid="duty-violations"
      aria-labelledby="duty-violations-title"
    >
      <h2 id="duty-violations-title" className="flex items-center gap-2 font-semibold text-red-800">
        <ShieldAlert className="size-4" aria-hidden />
        {t("admin.users.dutyTitle")}
      </h2>
      <p className="mt-1 text-sm text-red-700">{t("admin.users.dutyHint")}</p>
      <ul className="mt-3 divide-y divide-red-100 rounded-md bg-white">
        {violations.map((person) => (
          <li key={person.userId} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-3 py-2" data-testid="duty-violation">
            <Link href={`/admin/users/${person.userId}`} className="min-w-32 font-medium text-brand-700 hover:underline">
              {person.name}（{person.username}）
            </Link>
            <ul className="flex flex-wrap gap-2">
              {person.grants.map((grant) => {
                const label = `${t(`roles.${grant.role}`)}${grant.unitName || grant.groupName ? `·${grant.unitName ?? grant.groupName}` : ""}`;
                return (
                  <li key={grant.id} className="flex items-center gap-1 rounded border border-slate-200 px-2 py-0.5 text-sm text-slate-700">
                    {label}
                    <RevokeRoleButton grantId={grant.id} roleLabel={label} />
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
