import { Fragment } from "react";

/** A line of text whose `backticked` parts are code. */
export function InlineCode({ text }: { text: string }) {
  return text.split("`").map((part, index) =>
    index % 2 === 1 ? (
      <code key={index} className="rounded bg-slate-100 px-1 py-px font-mono text-[0.8125rem] wrap-anywhere text-slate-800">
        {part}
      </code>
    ) : (
      <Fragment key={index}>{part}</Fragment>
    ),
  );
}

// "认证：…" — a short lead before a full-width or ASCII colon reads as the bullet's title
const LEAD = /^([^：:`]{1,8})([：:])(.*)$/s;

/**
 * The document's description: paragraphs and "- " bullets with `code`, the markdown subset the
 * OpenAPI builder writes. No markdown library for a dozen lines of our own text.
 */
export function DocumentText({ text }: { text: string }) {
  const blocks: { kind: "p" | "ul"; lines: string[] }[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const kind = line.startsWith("- ") ? "ul" : "p";
    const content = kind === "ul" ? line.slice(2) : line;
    const last = blocks.at(-1);
    if (kind === "ul" && last?.kind === "ul") last.lines.push(content);
    else blocks.push({ kind, lines: [content] });
  }
  return (
    <div className="space-y-3 text-sm leading-relaxed text-slate-700">
      {blocks.map((block, index) =>
        block.kind === "p" ? (
          <p key={index}>
            <InlineCode text={block.lines.join(" ")} />
          </p>
        ) : (
          <ul key={index} className="space-y-2">
            {block.lines.map((line) => {
              const lead = LEAD.exec(line);
              return (
                <li
                  key={line}
                  className="relative pl-4 before:absolute before:top-[0.6em] before:left-0 before:size-1.5 before:rounded-full before:bg-brand-500"
                >
                  {lead ? (
                    <>
                      <strong className="font-semibold text-slate-900">
                        {lead[1]}
                        {lead[2]}
                      </strong>
                      <InlineCode text={lead[3] ?? ""} />
                    </>
                  ) : (
                    <InlineCode text={line} />
                  )}
                </li>
              );
            })}
          </ul>
        ),
      )}
    </div>
  );
}
