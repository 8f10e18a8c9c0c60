"use client";

// Two texts side by side with their differences marked, character by character (jsdiff's
// diffChars: Chinese has no spaces between words, docs/decisions/0020): the earlier text shows
// what the later one left out, the later text what it wrote anew; the rest is what they share.
import { diffChars } from "diff";
import { useMemo } from "react";
import { useI18n } from "@/lib/i18n/client";

export function TextDiff({
  before,
  after,
  beforeLabel,
  afterLabel,
}: {
  before: string;
  after: string;
  beforeLabel: string;
  afterLabel: string;
}) {
  const { t } = useI18n();
  const parts = useMemo(() => diffChars(before, after), [before, after]);
  const identical = parts.every((part) => !part.added && !part.removed);
  return (
    <div className="space-y-2" data-testid="signal-diff">
      <div className="grid gap-3 md:grid-cols-2">
        <figure className="rounded-lg bg-slate-50 p-3" data-testid="signal-diff-before">
          <figcaption className="mb-1 text-xs font-medium text-slate-600">{beforeLabel}</figcaption>
          <p className="text-sm leading-relaxed whitespace-pre-line text-slate-800">
            {parts.map((part, i) =>
              part.added ? null : part.removed ? (
                <del key={i} className="rounded-sm bg-red-100 text-red-800 decoration-red-400" data-testid="signal-diff-removed">
                  {part.value}
                </del>
              ) : (
                <span key={i}>{part.value}</span>
              ),
            )}
          </p>
        </figure>
        <figure className="rounded-lg bg-slate-50 p-3" data-testid="signal-diff-after">
          <figcaption className="mb-1 text-xs font-medium text-slate-600">{afterLabel}</figcaption>
          <p className="text-sm leading-relaxed whitespace-pre-line text-slate-800">
            {parts.map((part, i) =>
              part.removed ? null : part.added ? (
                <ins key={i} className="rounded-sm bg-green-100 text-green-900 no-underline" data-testid="signal-diff-added">
                  {part.value}
                </ins>
              ) : (
                <span key={i}>{part.value}</span>
              ),
            )}
          </p>
        </figure>
      </div>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-500">
        {identical ? (
          <span>{t("signals.compare.identical")}</span>
        ) : (
          <>
            <span>
              <del className="rounded-sm bg-red-100 px-1 text-red-800">{t("signals.compare.removed")}</del>
            </span>
            <span>
              <ins className="rounded-sm bg-green-100 px-1 text-green-900 no-underline">{t("signals.compare.added")}</ins>
            </span>
          </>
        )}
      </p>
    </div>
  );
}
