import { ArrowUp, Download } from "lucide-react";
import { Card } from "@/components/ui/card";
import { getTranslator } from "@/lib/i18n/server";
import type { Translate } from "@/lib/i18n/translate";
import { CodeBlock } from "./code-block";
import { CopyButton } from "./copy-button";
import { DocumentText, InlineCode } from "./document-text";
import { MethodBadge } from "./method-badge";
import type { ApiReference as Reference, ApiTagGroup } from "./model";
import { OperationCard } from "./operation-card";

const DOCUMENT_URL = "/api/v1/openapi.json";

function Contents({ groups, t }: { groups: ApiTagGroup[]; t: Translate }) {
  const count = groups.reduce((sum, group) => sum + group.operations.length, 0);
  return (
    <nav aria-labelledby="api-contents" data-testid="api-contents">
      <Card className="p-4 sm:p-6">
        <div className="mb-4 flex items-baseline justify-between gap-3">
          <h2 id="api-contents" className="text-lg font-semibold text-slate-900">
            {t("apiDocs.toc")}
          </h2>
          <span className="text-sm text-slate-500">{t("apiDocs.operationCount", { count })}</span>
        </div>
        <div className="grid gap-x-8 gap-y-5 sm:grid-cols-2 xl:grid-cols-3">
          {groups.map((group) => (
            <div key={group.anchor} className="min-w-0">
              <a href={`#${group.anchor}`} className="text-sm font-semibold text-brand-700 hover:underline">
                {group.tag}
              </a>
              <ul className="mt-2 space-y-1.5">
                {group.operations.map((operation) => (
                  <li key={operation.id}>
                    <a
                      href={`#${operation.id}`}
                      className="group flex min-w-0 items-center gap-2 rounded text-sm"
                      title={operation.summary}
                    >
                      <MethodBadge method={operation.method} size="sm" />
                      <code className="min-w-0 truncate font-mono text-[0.8125rem] text-slate-700 group-hover:text-brand-700 group-hover:underline">
                        {operation.path}
                      </code>
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </Card>
    </nav>
  );
}

/** The API page: how to start, the document's conventions, contents, then every operation by tag. */
export async function ApiReference({ reference, origin }: { reference: Reference; origin: string | null }) {
  const { t } = await getTranslator();
  const base = `${origin ?? ""}${reference.basePath}`;
  const variables = `BASE="${base}"\nTOKEN="<token>"   # ${t("apiDocs.start.tokenComment")}`;

  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <div id="top" className="flex scroll-mt-24 flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold text-slate-900">{t("apiDocs.title")}</h1>
          <p className="text-sm text-slate-600">{t("apiDocs.subtitle", { title: reference.title, version: reference.version })}</p>
        </div>
        <a
          href={DOCUMENT_URL}
          download="openapi.json"
          title={t("apiDocs.downloadHint")}
          data-testid="api-download"
          className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          <Download className="size-4 text-brand-700" aria-hidden />
          {t("apiDocs.download")}
        </a>
      </div>

      <div className="grid gap-5 lg:grid-cols-2">
        <Card className="space-y-4 p-4 sm:p-6">
          <h2 className="text-lg font-semibold text-slate-900">{t("apiDocs.start.title")}</h2>
          <div className="space-y-1.5">
            <h3 className="text-sm font-semibold text-slate-900">{t("apiDocs.start.baseUrl")}</h3>
            <div className="flex items-center gap-2 rounded-lg bg-slate-900 py-1.5 pr-1.5 pl-3">
              <code className="min-w-0 flex-1 font-mono text-sm wrap-anywhere text-slate-100" data-testid="api-base-url">
                {base}
              </code>
              <CopyButton text={base} />
            </div>
          </div>
          <div className="space-y-1.5">
            <h3 className="text-sm font-semibold text-slate-900">{t("apiDocs.start.auth")}</h3>
            <p className="text-sm leading-relaxed text-slate-700">
              <InlineCode text={t("apiDocs.start.authText")} />
            </p>
          </div>
          <div className="space-y-2">
            <p className="text-sm text-slate-700">{t("apiDocs.start.variables")}</p>
            <CodeBlock code={variables} label="shell" />
            <p className="text-xs text-slate-500">{t("apiDocs.start.pathHint")}</p>
          </div>
        </Card>
        <Card className="space-y-4 p-4 sm:p-6">
          <h2 className="text-lg font-semibold text-slate-900">{t("apiDocs.conventions")}</h2>
          <DocumentText text={reference.description} />
          <p className="text-xs text-slate-500">
            <a href={DOCUMENT_URL} className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
              {DOCUMENT_URL}
            </a>{" "}
            · {t("apiDocs.downloadHint")}
          </p>
        </Card>
      </div>

      <Contents groups={reference.groups} t={t} />

      {reference.groups.map((group) => (
        <section key={group.anchor} id={group.anchor} aria-labelledby={`${group.anchor}-title`} className="scroll-mt-24 space-y-4">
          <div className="flex items-baseline justify-between gap-3 border-b border-slate-200 pb-2">
            <h2 id={`${group.anchor}-title`} className="text-xl font-bold text-slate-900">
              {group.tag}
              <span className="ml-2 text-sm font-normal text-slate-500">
                {t("apiDocs.operationCount", { count: group.operations.length })}
              </span>
            </h2>
            <a href="#top" className="inline-flex shrink-0 items-center gap-1 text-xs text-slate-500 hover:text-brand-700">
              <ArrowUp className="size-3.5" aria-hidden />
              {t("apiDocs.backToTop")}
            </a>
          </div>
          {group.operations.map((operation) => (
            <OperationCard key={operation.id} operation={operation} t={t} />
          ))}
        </section>
      ))}
    </div>
  );
}
