"use client";

// The API tokens of one user on the admin user page: the list (never the tokens themselves), a
// revoke per active token, and the issue dialog, which shows the new token once and forgets it
// when it closes.
import { Check, Copy, KeyRound, TriangleAlert, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { Dialog } from "radix-ui";
import { useState, useTransition, type FocusEvent, type FormEvent } from "react";
// list-kit's Badge is server-only (the module renders translated server pieces); this one has the same look and no hooks
import { ProgressBadge as Badge } from "@/components/reports/progress-badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { writeClipboard } from "@/components/ui/clipboard";
import { cn } from "@/components/ui/cn";
import type { ApiTokenRow } from "@/lib/api/types";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/api/token-actions";
import { formatDateTime } from "@/lib/i18n/format";
import { useI18n } from "@/lib/i18n/client";
import { ConfirmDialog, FormMessage, int, smallButton, text, TextField, type FieldErrors } from "./form-kit";

export type ApiTokenStatus = "active" | "expired" | "revoked";
/** Why no token may be issued for this user (the service refuses the same cases). */
export type IssueBlock = "self" | "admin" | "disabled" | "noRole";

const STATUS_TONE = { active: "green", expired: "grey", revoked: "red" } as const;
const BLOCK_HINT = {
  self: "apiTokens.selfHint",
  admin: "apiTokens.adminHint",
  disabled: "apiTokens.disabledHint",
  noRole: "apiTokens.noRoleHint",
} as const;
const DEFAULT_DAYS = 365;
const fieldClass =
  "block w-full min-w-0 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-slate-900 focus:border-brand-500 focus:outline-none";

export function ApiTokens({
  userId,
  tokens,
  issueBlock,
}: {
  userId: string;
  tokens: (ApiTokenRow & { status: ApiTokenStatus })[];
  issueBlock: IssueBlock | null;
}) {
  const { t, locale } = useI18n();
  const date = (value: string | null, blank: string) => (value ? formatDateTime(new Date(value), locale) : blank);
  const head = "py-2 pr-3 font-semibold whitespace-nowrap";
  const cell = "py-2 pr-3 align-top";
  return (
    <Card className="p-5" data-testid="api-tokens">
      <div className="mb-1 flex items-center justify-between gap-2">
        <h3 className="font-semibold text-slate-900">{t("apiTokens.title")}</h3>
        {!issueBlock && <IssueTokenButton userId={userId} />}
      </div>
      <p className="mb-3 text-sm text-slate-500">{t("apiTokens.intro")}</p>
      {issueBlock && <p className="mb-3 text-sm text-slate-500">{t(BLOCK_HINT[issueBlock])}</p>}
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-400">{t("apiTokens.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-slate-500">
                <th scope="col" className={head}>
                  {t("apiTokens.name")}
                </th>
                <th scope="col" className={head}>
                  {t("apiTokens.prefix")}
                </th>
                <th scope="col" className={head}>
                  {t("apiTokens.createdAt")}
                </th>
                <th scope="col" className={head}>
                  {t("apiTokens.expiresAt")}
                </th>
                <th scope="col" className={head}>
                  {t("apiTokens.lastUsedAt")}
                </th>
                <th scope="col" className={head}>
                  {t("apiTokens.status")}
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">{t("admin.common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tokens.map((token) => (
                <tr key={token.id} data-testid="api-token-row">
                  <td className={`${cell} font-medium text-slate-900`}>{token.name ?? t("apiTokens.unnamed")}</td>
                  <td className={cell}>
                    <code className="font-mono text-xs whitespace-nowrap text-slate-600">{token.prefix}…</code>
                  </td>
                  <td className={`${cell} text-slate-600`}>
                    <div className="whitespace-nowrap">{date(token.createdAt, "—")}</div>
                    {token.createdByName && <div className="text-xs text-slate-400">{token.createdByName}</div>}
                  </td>
                  <td className={`${cell} whitespace-nowrap text-slate-600`}>{date(token.expiresAt, t("apiTokens.noExpiry"))}</td>
                  <td className={`${cell} whitespace-nowrap text-slate-600`}>{date(token.lastUsedAt, t("apiTokens.never"))}</td>
                  <td className={cell}>
                    <Badge tone={STATUS_TONE[token.status]}>{t(`apiTokens.states.${token.status}`)}</Badge>
                  </td>
                  <td className="py-2 text-right align-top">
                    {token.status === "active" && (
                      <ConfirmDialog
                        title={t("apiTokens.revokeTitle")}
                        text={t("apiTokens.revokeConfirm", { name: token.name ?? t("apiTokens.unnamed"), prefix: token.prefix })}
                        onConfirm={() => revokeApiTokenAction({ id: token.id })}
                        trigger={
                          <Button variant="ghost" className={`${smallButton} -my-1.5 text-red-700`}>
                            {t("apiTokens.revoke")}
                          </Button>
                        }
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

interface Issued {
  token: string;
  expiresAt: string;
  origin: string;
}

/** The issue dialog: the form, then (same dialog) the token, shown this once. */
function IssueTokenButton({ userId }: { userId: string }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [issued, setIssued] = useState<Issued | null>(null);

  const reset = () => {
    setErrors({});
    setMessage(null);
    setIssued(null);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await createApiTokenAction({ userId, name: text(form, "name"), expiresInDays: int(form, "expiresInDays") });
      if (result.ok) {
        setErrors({});
        setMessage(null);
        setIssued({ token: result.data.token, expiresAt: result.data.expiresAt, origin: window.location.origin });
        router.refresh();
        return;
      }
      const fields = result.fieldErrors ?? {};
      setErrors(fields);
      // the user is not a field of this form: its messages (disabled, no role) go to the general line
      setMessage([result.message, ...(fields.userId ?? []), ...(fields._form ?? [])].join(" "));
    });
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <Dialog.Trigger asChild>
        <Button data-testid="issue-api-token" className={smallButton}>
          <KeyRound className="size-3.5" aria-hidden />
          {t("apiTokens.issue")}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content
          data-testid="issue-api-token-dialog"
          // the token must not vanish by a stray click beside the dialog
          onInteractOutside={(event) => issued && event.preventDefault()}
          // wider once issued, so the whole token fits on one line
          className={cn(
            "fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl border border-slate-200 bg-white p-6 shadow-xl",
            issued ? "max-w-2xl" : "max-w-lg",
          )}
        >
          <div className="mb-4 flex items-start justify-between gap-4">
            <div className="space-y-1">
              <Dialog.Title className="text-lg font-semibold text-slate-900">
                {issued ? t("apiTokens.issued") : t("apiTokens.issue")}
              </Dialog.Title>
              <Dialog.Description className="text-sm text-slate-500">
                {issued
                  ? t("apiTokens.validUntil", { date: formatDateTime(new Date(issued.expiresAt), locale) })
                  : t("apiTokens.issueHint")}
              </Dialog.Description>
            </div>
            <Dialog.Close
              className="rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
              aria-label={t("admin.common.cancel")}
            >
              <X className="size-4" aria-hidden />
            </Dialog.Close>
          </div>
          {issued ? (
            <IssuedToken issued={issued} />
          ) : (
            <form onSubmit={submit} className="space-y-4" noValidate>
              <TextField name="name" label={t("apiTokens.name")} hint={t("apiTokens.nameHint")} errors={errors.name} required />
              <TextField
                name="expiresInDays"
                type="number"
                min={1}
                max={730}
                defaultValue={DEFAULT_DAYS}
                label={t("apiTokens.expiresInDays")}
                hint={t("apiTokens.expiresInDaysHint")}
                errors={errors.expiresInDays}
                required
              />
              <FormMessage message={message} />
              <div className="flex justify-end gap-2 pt-2">
                <Dialog.Close asChild>
                  <Button type="button" variant="secondary">
                    {t("admin.common.cancel")}
                  </Button>
                </Dialog.Close>
                <Button type="submit" disabled={pending}>
                  {pending ? t("apiTokens.issuing") : t("apiTokens.issue")}
                </Button>
              </div>
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function IssuedToken({ issued }: { issued: Issued }) {
  const { t } = useI18n();
  const example = `curl -H "Authorization: Bearer ${issued.token}" ${issued.origin}/api/v1/tasks`;
  return (
    <div className="space-y-4">
      <div role="alert" className="flex gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <TriangleAlert className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden />
        <div>
          <p className="font-semibold">{t("apiTokens.onceWarning")}</p>
          <p className="text-amber-800">{t("apiTokens.onceWarningHint")}</p>
        </div>
      </div>
      <CopyField label={t("apiTokens.token")} value={issued.token} testId="issued-api-token" />
      <CopyField label={t("apiTokens.example")} value={example} testId="api-token-example" multiline />
      <div className="flex justify-end pt-2">
        <Dialog.Close asChild>
          <Button type="button">{t("apiTokens.done")}</Button>
        </Dialog.Close>
      </div>
    </div>
  );
}

/** A read-only field with a copy button (components/ui/clipboard.ts works on plain-http intranets too). */
function CopyField({ label, value, testId, multiline }: { label: string; value: string; testId: string; multiline?: boolean }) {
  const { t } = useI18n();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => setState((await writeClipboard(value)) ? "copied" : "failed");
  const id = `${testId}-field`;
  const field = {
    id,
    "data-testid": testId,
    readOnly: true,
    value,
    spellCheck: false,
    onFocus: (event: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => event.currentTarget.select(),
  };
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="flex items-start gap-2">
        {multiline ? (
          // the command is one line; it wraps here only to be read whole
          <textarea rows={3} {...field} className={cn(fieldClass, "resize-none text-xs leading-5 break-all field-sizing-content")} />
        ) : (
          <input {...field} className={cn(fieldClass, "text-sm")} />
        )}
        <Button type="button" variant="secondary" className="min-w-24 shrink-0 px-3" onClick={copy}>
          {state === "copied" ? <Check className="size-4 text-light-green" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {state === "copied" ? t("apiTokens.copied") : t("apiTokens.copy")}
        </Button>
      </div>
      {state === "failed" && <p className="text-xs text-red-600">{t("apiTokens.copyFailed")}</p>}
    </div>
  );
}
