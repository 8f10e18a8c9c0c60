import { CopyButton } from "./copy-button";

/** A dark shell snippet that wraps instead of scrolling the page sideways, with a copy button. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <figure className="overflow-hidden rounded-lg bg-slate-900 ring-1 ring-slate-900/10">
      <figcaption className="flex items-center justify-between gap-3 border-b border-white/10 px-3 py-1.5 text-xs text-slate-300">
        <span>{label}</span>
        <CopyButton text={code} />
      </figcaption>
      <pre className="px-3 py-3 font-mono text-xs leading-relaxed sm:text-[0.8125rem] wrap-anywhere whitespace-pre-wrap text-slate-100">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
