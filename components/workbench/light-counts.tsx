// Tasks counted by light, each count a link to the ledger filtered to that light; the light's
// text label always stands next to its colour.
import Link from "next/link";
import { LightBadge } from "@/components/ledger/light-badge";
import { formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/translate";
import type { LightCounts as Counts } from "@/lib/dashboard/workbench-types";
import { LIGHTS } from "@/lib/tasks/rules";

export function LightCounts({ lights, t, locale, testId }: { lights: Counts; t: Translate; locale: Locale; testId: string }) {
  return (
    <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid={testId}>
      {LIGHTS.map((light) => (
        <li key={light}>
          <Link
            href={lights.hrefs[light]}
            className="flex items-center justify-between gap-2 rounded-lg border border-slate-200 px-3 py-2 hover:border-brand-300 hover:bg-slate-50"
            data-testid={`${testId}-${light}`}
          >
            <LightBadge light={light} label={t(`ledger.lights.${light}`)} />
            <span className="text-lg font-semibold text-slate-900 tabular-nums">{formatNumber(lights.counts[light], locale)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
