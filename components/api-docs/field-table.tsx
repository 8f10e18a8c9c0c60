import type { Translate } from "@/lib/i18n/translate";
import type { TypeInfo } from "./model";
import { TypeCell } from "./type-cell";

export interface FieldRow {
  name: string;
  in?: string;
  required: boolean;
  description?: string;
  type: TypeInfo;
  example?: string;
}

const LOCATIONS = ["path", "query", "header"] as const;
const isLocation = (value: string): value is (typeof LOCATIONS)[number] => (LOCATIONS as readonly string[]).includes(value);
const CELL = "px-3 py-2.5 align-top max-sm:p-0";

/**
 * Parameters or body properties. On a phone each row stacks (name and badges, description, type)
 * instead of squeezing five columns into 390 px.
 */
export function FieldTable({ rows, t, caption }: { rows: FieldRow[]; t: Translate; caption: string }) {
  const withLocation = rows.some((row) => row.in);
  // generated body schemas often carry no descriptions: no column of dashes then
  const withDescription = rows.some((row) => row.description);
  return (
    <div className="rounded-lg border border-slate-200 max-sm:border-x-0 max-sm:border-b-0 max-sm:rounded-none">
      <table className="w-full table-fixed border-collapse text-sm max-sm:block">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs text-slate-600 max-sm:hidden">
          <tr className="border-b border-slate-200">
            <th scope="col" className="w-48 rounded-tl-lg px-3 py-2 font-medium">
              {t("apiDocs.columns.name")}
            </th>
            {withLocation && (
              <th scope="col" className="w-20 px-3 py-2 font-medium">
                {t("apiDocs.columns.in")}
              </th>
            )}
            <th scope="col" className="w-20 px-3 py-2 font-medium">
              {t("apiDocs.columns.required")}
            </th>
            <th scope="col" className={`px-3 py-2 font-medium ${withDescription ? "w-[30%]" : "rounded-tr-lg"}`}>
              {t("apiDocs.columns.type")}
            </th>
            {withDescription && (
              <th scope="col" className="rounded-tr-lg px-3 py-2 font-medium">
                {t("apiDocs.columns.description")}
              </th>
            )}
          </tr>
        </thead>
        <tbody className="max-sm:block">
          {rows.map((row) => (
            <tr
              key={`${row.in ?? ""}:${row.name}`}
              className="border-b border-slate-100 last:border-0 max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-2 max-sm:gap-y-1.5 max-sm:py-3"
            >
              <th scope="row" className={`${CELL} text-left font-normal`}>
                <code className="font-mono text-[0.8125rem] font-semibold wrap-anywhere text-slate-900">{row.name}</code>
              </th>
              {withLocation && (
                <td className={CELL}>
                  {row.in && (
                    <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                      {isLocation(row.in) ? t(`apiDocs.in.${row.in}`) : row.in}
                    </span>
                  )}
                </td>
              )}
              <td className={CELL}>
                {row.required ? (
                  <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-100 ring-inset">
                    {t("apiDocs.columns.required")}
                  </span>
                ) : (
                  <span className="text-xs text-slate-500">{t("apiDocs.optional")}</span>
                )}
              </td>
              <td className={`${CELL} max-sm:order-2 max-sm:w-full`}>
                <TypeCell type={row.type} example={row.example} t={t} />
              </td>
              {withDescription && (
                <td
                  className={`${CELL} leading-relaxed text-slate-700 max-sm:order-1 max-sm:w-full ${row.description ? "" : "max-sm:hidden"}`}
                >
                  {row.description ?? <span className="text-slate-500">—</span>}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
