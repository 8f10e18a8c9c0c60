import "server-only";
// One micro-reform: what it addresses, its measures and effect, its thread; the office's review
// buttons, or the proposing unit's edit while it is proposed or returned.
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { formatDate, formatDateTime, formatNumber } from "@/lib/i18n/format";
import { getTranslator } from "@/lib/i18n/server";
import { getMicroReform, libraryChoices } from "@/lib/library/queries";
import { NotFoundError } from "@/lib/server/errors";
import { MicroStatusBadge } from "./library-list-kit";
import { EditMicroButton, MicroCuration } from "./micro-forms";

export async function MicroDetailPage({ actor, id }: { actor: Actor; id: string }) {
  const { t, locale } = await getTranslator();
  const micro = await getMicroReform(actor, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const target = { committeeId: actor.committeeId, unitIds: [micro.unitId] };
  const canEdit = (micro.status === "PROPOSED" || micro.status === "REJECTED") && can(actor, "library:propose", target);
  const canCurate = can(actor, "library:curate", target);
  const choices = canEdit ? await libraryChoices(actor) : null;
  const field = (label: string, value: string | null) => (
    <div className="space-y-1">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="text-sm whitespace-pre-wrap text-slate-800">{value ?? "—"}</dd>
    </div>
  );
  return (
    <div className="space-y-5" data-testid="micro-detail">
      <Link href="/library?tab=micro" className="text-sm text-brand-800 hover:underline">
        ← {t("library.micro.back")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h2 className="text-xl font-semibold text-slate-900">{micro.title}</h2>
          <p className="text-sm text-slate-500">
            {micro.unitName} · {micro.year} · <MicroStatusBadge status={micro.status} t={t} />
          </p>
        </div>
        <div className="flex gap-2">
          {canCurate && <MicroCuration id={micro.id} version={micro.version} status={micro.status} />}
          {canEdit && choices && (
            <EditMicroButton
              tasks={choices.tasks}
              draft={{
                id: micro.id,
                version: micro.version,
                title: micro.title,
                problem: micro.problem,
                measures: micro.measures,
                effect: micro.effect,
                citizensServed: micro.citizensServed,
                taskId: micro.taskId,
              }}
            />
          )}
        </div>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="p-5 lg:col-span-2">
          <dl className="grid gap-4">
            {field(t("library.micro.problem"), micro.problem)}
            {field(t("library.micro.measures"), micro.measures)}
            {field(t("library.micro.effect"), micro.effect)}
            {field(t("library.micro.citizensServed"), micro.citizensServed === null ? null : formatNumber(micro.citizensServed, locale))}
            {field(t("library.micro.task"), micro.taskCode ? `${micro.taskCode} ${micro.taskTitle ?? ""}` : null)}
            {field(t("library.micro.proposedOn"), formatDate(micro.createdAt, locale))}
            {micro.acceptedAt && field(t("library.micro.acceptedAt"), formatDate(micro.acceptedAt, locale))}
            {micro.promotedAt && field(t("library.micro.promotedAt"), formatDate(micro.promotedAt, locale))}
          </dl>
        </Card>
        <Card className="space-y-3 p-5" data-testid="micro-thread">
          <h3 className="font-semibold text-slate-900">{t("library.micro.thread")}</h3>
          <ol className="space-y-3">
            {micro.thread.map((event, i) => (
              <li key={i} className="border-l-2 border-slate-200 pl-3 text-sm">
                <p className="font-medium text-slate-800">
                  {event.action in THREAD_ACTIONS ? t(`library.threadActions.${event.action as ThreadAction}`) : event.action}
                  {event.actorName && <span className="font-normal text-slate-500"> · {event.actorName}</span>}
                </p>
                <p className="text-xs text-slate-400">{formatDateTime(event.createdAt, locale)}</p>
                {event.comment && <p className="mt-1 whitespace-pre-wrap text-slate-600">{event.comment}</p>}
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </div>
  );
}

const THREAD_ACTIONS = { CREATE: 1, RESUBMIT: 1, ACCEPT: 1, RETURN: 1, APPROVE: 1 } as const;
type ThreadAction = keyof typeof THREAD_ACTIONS;
