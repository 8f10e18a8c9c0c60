// Old → new, field by field, as people read it: the task history and the plan changes share it.
import type { ReadableChange } from "@/lib/audit/readable";

export function ChangeLines({ changes, none, testId }: { changes: readonly ReadableChange[]; none: string; testId?: string }) {
  return (
    <ul className="space-y-0.5" data-testid={testId}>
      {changes.map((change) => (
        <li key={change.field} className="break-words text-slate-700">
          <span className="font-medium">{change.label}</span>：
          {change.notes.length ? (
            change.notes.join("；")
          ) : (
            <>
              {change.from !== null && (
                <>
                  <span className="text-slate-500 line-through decoration-slate-300">{change.from}</span>
                  {" → "}
                </>
              )}
              <span className="text-slate-900">{change.to ?? none}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
