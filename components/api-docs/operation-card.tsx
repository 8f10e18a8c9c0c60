import { Lock, LockOpen } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { Translate } from "@/lib/i18n/translate";
import { CodeBlock } from "./code-block";
import { FieldTable } from "./field-table";
import { MethodBadge } from "./method-badge";
import { curlExample, type ApiOperation } from "./model";

function statusColour(status: string): string {
  if (status.startsWith("2")) return "bg-emerald-50 text-emerald-800 ring-emerald-200";
  if (status.startsWith("4")) return "bg-amber-50 text-amber-900 ring-amber-200";
  return "bg-red-50 text-red-800 ring-red-200";
}

function Section({ title, aside, children }: { title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <h4 className="text-sm font-semibold text-slate-800">{title}</h4>
        {aside}
      </div>
      {children}
    </section>
  );
}

export function TokenBadge({ needsToken, t }: { needsToken: boolean; t: Translate }) {
  return needsToken ? (
    <span className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
      <Lock className="size-3" aria-hidden />
      {t("apiDocs.token.required")}
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800 ring-1 ring-emerald-200 ring-inset">
      <LockOpen className="size-3" aria-hidden />
      {t("apiDocs.token.none")}
    </span>
  );
}

/** One operation: what it does, what it takes, what it answers, and how to call it. */
export function OperationCard({ operation, t }: { operation: ApiOperation; t: Translate }) {
  const titleId = `${operation.id}-title`;
  return (
    <article
      id={operation.id}
      data-testid="api-operation"
      data-operation-id={operation.id}
      aria-labelledby={titleId}
      className="scroll-mt-24 rounded-xl border border-slate-200 bg-white shadow-sm"
    >
      <header className="space-y-2 border-b border-slate-100 px-4 py-4 sm:px-6">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <MethodBadge method={operation.method} />
          <code className="min-w-0 font-mono text-[0.9375rem] font-semibold wrap-anywhere text-slate-900">{operation.path}</code>
          <span className="sm:ml-auto">
            <TokenBadge needsToken={operation.needsToken} t={t} />
          </span>
        </div>
        <h3 id={titleId} className="text-base leading-snug font-semibold text-slate-900">
          {operation.summary}
        </h3>
        {operation.description && <p className="text-sm leading-relaxed text-slate-600">{operation.description}</p>}
      </header>
      <div className="space-y-6 px-4 py-5 sm:px-6">
        {operation.parameters.length > 0 && (
          <Section title={t("apiDocs.parameters")}>
            <FieldTable rows={operation.parameters} t={t} caption={`${operation.method} ${operation.path} · ${t("apiDocs.parameters")}`} />
          </Section>
        )}
        {operation.body && (
          <Section
            title={t("apiDocs.requestBody")}
            aside={
              <span className="text-xs text-slate-500">
                application/json
                {operation.body.schemaName && (
                  <>
                    {" · "}
                    {t("apiDocs.schema")} <code className="font-mono font-medium text-brand-800">{operation.body.schemaName}</code>
                  </>
                )}
              </span>
            }
          >
            {operation.body.description && <p className="text-sm leading-relaxed text-slate-600">{operation.body.description}</p>}
            <FieldTable
              rows={operation.body.properties}
              t={t}
              caption={`${operation.method} ${operation.path} · ${t("apiDocs.requestBody")}`}
            />
          </Section>
        )}
        <Section title={t("apiDocs.responses")}>
          <ul className="grid gap-x-6 gap-y-2 text-sm md:grid-cols-2">
            {operation.responses.map((response) => (
              <li key={response.status} className="flex items-start gap-2.5">
                <span
                  className={cn(
                    "mt-px inline-flex w-11 shrink-0 justify-center rounded font-mono text-xs font-semibold ring-1 ring-inset",
                    "py-0.5",
                    statusColour(response.status),
                  )}
                >
                  {response.status}
                </span>
                <span className="min-w-0 leading-relaxed text-slate-700">
                  {response.description}
                  {response.status.startsWith("2") && response.schemaName && (
                    <>
                      {" → "}
                      <code className="font-mono text-[0.8125rem] font-medium text-brand-800">{response.schemaName}</code>
                    </>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </Section>
        <Section title={t("apiDocs.example")}>
          <CodeBlock code={curlExample(operation)} label="curl" />
        </Section>
      </div>
    </article>
  );
}
