import type { AuditEventRow } from "@/lib/audit/queries";
import { readableAuditRow, readerFor, type ReadableAuditRow, type ReadableChange } from "@/lib/audit/readable";
import { formatBeijingTime } from "@/lib/audit/schemas";
import { getTranslator } from "@/lib/i18n/server";
import { messagesFor } from "@/lib/i18n/translate";
import { ResultBadge } from "./result-badge";

const DASH = <span className="text-slate-300">—</span>;

function Change({ change, empty, colon }: { change: ReadableChange; empty: string; colon: string }) {
  if (change.notes.length)
    return (
      <>
        <span className="font-medium text-slate-700">{change.label}</span>
        {colon}
        {change.notes.join("；")}
      </>
    );
  return (
    <>
      <span className="font-medium text-slate-700">{change.label}</span>
      {colon}
      {change.from !== null && (
        <>
          <span className="text-slate-500 line-through decoration-slate-300">{change.from}</span> →{" "}
        </>
      )}
      {change.to === null ? <span className="text-slate-400">{empty}</span> : <span className="text-slate-900">{change.to}</span>}
    </>
  );
}

function Changes({ row, empty, countLabel, colon }: { row: ReadableAuditRow; empty: string; countLabel: string; colon: string }) {
  const [first] = row.changes;
  return (
    <div className="space-y-1">
      {first && (
        <details className="group max-w-xs">
          <summary className="cursor-pointer truncate text-xs text-slate-600 marker:text-slate-400">
            {row.changes.length === 1 ? <Change change={first} empty={empty} colon={colon} /> : countLabel}
          </summary>
          <ul className="mt-1 space-y-0.5 rounded-md bg-slate-50 p-2 text-xs break-all">
            {row.changes.map((change) => (
              <li key={change.field}>
                <Change change={change} empty={empty} colon={colon} />
              </li>
            ))}
          </ul>
        </details>
      )}
      {row.detail && <p className="max-w-xs text-xs break-all text-slate-500">{row.detail}</p>}
      {!first && !row.detail && DASH}
    </div>
  );
}

export async function AuditTable({ rows }: { rows: AuditEventRow[] }) {
  const { locale, t } = await getTranslator();
  const messages = messagesFor(locale);
  const headers = [
    t("audit.columns.time"),
    t("audit.columns.actor"),
    t("audit.columns.unit"),
    t("audit.columns.ip"),
    t("audit.columns.event"),
    t("audit.columns.target"),
    t("audit.columns.result"),
    t("audit.columns.changes"),
  ];
  return (
    <div className="overflow-x-auto">
      <table data-testid="audit-table" className="w-full min-w-[64rem] text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold text-slate-600">
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col" className="px-3 py-2.5 whitespace-nowrap">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 && (
            <tr>
              <td colSpan={headers.length} className="px-3 py-10 text-center text-slate-500">
                {t("audit.empty")}
              </td>
            </tr>
          )}
          {rows.map((row) => {
            const shown = readableAuditRow(readerFor(locale, messages, row.names), row);
            return (
              <tr key={row.id} data-event={row.event} className="align-top hover:bg-slate-50/60">
                <td className="px-3 py-2 font-mono text-xs whitespace-nowrap text-slate-700 tabular-nums">
                  <time dateTime={row.at.toISOString()}>{formatBeijingTime(row.at)}</time>
                </td>
                <td className="px-3 py-2">
                  <div className="text-slate-900">{row.actorName ?? DASH}</div>
                  {row.actorUsername && row.actorUsername !== row.actorName && (
                    <div className="font-mono text-xs text-slate-400">{row.actorUsername}</div>
                  )}
                </td>
                <td className="min-w-32 px-3 py-2 text-slate-700">{row.unitName ?? DASH}</td>
                <td className="px-3 py-2 font-mono text-xs whitespace-nowrap text-slate-600">{row.ip ?? DASH}</td>
                <td className="px-3 py-2">
                  {/* the code (what the 事件代码 filter takes) on hover, the words on the page */}
                  <div className="text-slate-900" title={shown.eventCode}>
                    {shown.event}
                  </div>
                </td>
                <td className="px-3 py-2">
                  {shown.targetType && <div className="text-slate-700">{shown.targetType}</div>}
                  {shown.target ? (
                    <div className="max-w-[14rem] text-xs text-slate-500" title={row.targetId ?? undefined}>
                      {shown.target}
                    </div>
                  ) : (
                    !shown.targetType && DASH
                  )}
                </td>
                <td className="px-3 py-2">
                  <ResultBadge result={row.result} label={shown.result} />
                </td>
                <td className="px-3 py-2">
                  <Changes
                    row={shown}
                    empty={t("audit.emptyValue")}
                    countLabel={t("audit.changeCount", { count: shown.changes.length })}
                    colon={locale === "en" ? ": " : "："}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
