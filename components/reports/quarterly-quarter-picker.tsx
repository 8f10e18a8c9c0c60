// The quarter picker of the quarterly page: a plain GET form, so every quarter's view is a link.
import { Button } from "@/components/ui/button";

export function QuarterPicker({
  label,
  submitLabel,
  value,
  options,
}: {
  label: string;
  submitLabel: string;
  /** "2026-Q3" */
  value: string;
  options: { value: string; label: string }[];
}) {
  return (
    <form method="get" action="/reports/quarterly" className="flex items-end gap-2" data-testid="quarterly-quarter-picker">
      <div className="space-y-1">
        <label htmlFor="quarterly-quarter" className="block text-xs font-medium text-slate-500">
          {label}
        </label>
        <select
          id="quarterly-quarter"
          name="quarter"
          defaultValue={value}
          data-testid="quarterly-quarter"
          className="block h-10 rounded-md border border-slate-300 bg-white px-3 pr-8 text-sm text-slate-900 shadow-xs focus:border-brand-500 focus:outline-none"
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary">
        {submitLabel}
      </Button>
    </form>
  );
}
