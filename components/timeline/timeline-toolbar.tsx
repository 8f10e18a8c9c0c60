// The timeline's filters as a GET form (the view lives in the URL, no client JavaScript).
import { getTranslator } from "@/lib/i18n/server";
import type { TimelineData, TimelineParams } from "@/lib/dashboard/timeline";
import { TIMELINE_ZOOMS } from "@/lib/dashboard/timeline-layout";
import { LIGHTS } from "@/lib/tasks/rules";

const selectClass =
  "block h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-700 focus:border-brand-500 focus:outline-none";

function Field({ id, label, className, children }: { id: string; label: string; className: string; children: React.ReactNode }) {
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-500">
        {label}
      </label>
      {children}
    </div>
  );
}

export async function TimelineToolbar({ params, data, years }: { params: TimelineParams; data: TimelineData; years: number[] }) {
  const { t } = await getTranslator();
  const yearChoices = [...new Set([data.year, ...years])].sort((a, b) => b - a);
  return (
    <form method="get" action="/tasks/timeline" className="flex flex-wrap items-end gap-3" data-testid="timeline-filters" data-print="hide">
      <Field id="timeline-year" label={t("timeline.filters.year")} className="w-28">
        <select id="timeline-year" name="year" defaultValue={String(data.year)} className={selectClass} data-testid="timeline-year">
          {yearChoices.map((year) => (
            <option key={year} value={year}>
              {t("timeline.filters.yearValue", { year })}
            </option>
          ))}
        </select>
      </Field>
      <Field id="timeline-zoom" label={t("timeline.filters.zoom")} className="w-28">
        <select id="timeline-zoom" name="zoom" defaultValue={data.zoom} className={selectClass} data-testid="timeline-zoom">
          {TIMELINE_ZOOMS.map((zoom) => (
            <option key={zoom} value={zoom}>
              {t(`timeline.zooms.${zoom}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="timeline-by" label={t("timeline.filters.by")} className="w-36">
        <select id="timeline-by" name="by" defaultValue={params.by} className={selectClass} data-testid="timeline-by">
          <option value="group">{t("timeline.by.group")}</option>
          <option value="unit">{t("timeline.by.unit")}</option>
        </select>
      </Field>
      <Field id="timeline-group" label={t("timeline.filters.group")} className="w-52">
        <select
          id="timeline-group"
          name="group"
          defaultValue={params.groupId ?? ""}
          className={selectClass}
          data-testid="timeline-group-filter"
        >
          <option value="">{t("timeline.filters.allGroups")}</option>
          {data.groupOptions.map((group) => (
            <option key={group.value} value={group.value}>
              {group.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="timeline-light" label={t("timeline.filters.light")} className="w-40">
        <select
          id="timeline-light"
          name="light"
          defaultValue={params.lights.length === 1 ? params.lights[0] : ""}
          className={selectClass}
          data-testid="timeline-light"
        >
          <option value="">{t("timeline.filters.allLights")}</option>
          {LIGHTS.map((light) => (
            <option key={light} value={light}>
              {t(`ledger.lights.${light}`)}
            </option>
          ))}
        </select>
      </Field>
      <button
        type="submit"
        className="inline-flex h-9 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
        data-testid="timeline-apply"
      >
        {t("timeline.filters.apply")}
      </button>
    </form>
  );
}
