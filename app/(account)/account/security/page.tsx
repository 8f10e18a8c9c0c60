import type { Metadata } from "next";
import Link from "next/link";
import { TotpSettings } from "@/components/account/totp-settings";
import { requireActor } from "@/lib/auth/actor";
import { newTotpSecret, totpUri } from "@/lib/auth/totp";
import { getTranslator } from "@/lib/i18n/server";
import { renderSVG } from "uqr";

/** The enrolment link as a QR code image for authenticator apps (rendered here, no network). */
function qrDataUri(uri: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(renderSVG(uri, { border: 2 })).toString("base64")}`;
}

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("account.security") };
}

export default async function SecurityPage() {
  const actor = await requireActor({ allowSetup: true });
  if (actor.passwordChangeRequired) return <PasswordFirst />;
  const { t } = await getTranslator();
  // A fresh key on every visit until one is confirmed with a code; nothing is stored before that.
  const secret = actor.totpEnabled ? null : newTotpSecret();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-slate-900">{t("account.security")}</h1>
      {actor.totpSetupRequired && (
        <p data-testid="totp-required" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {t("account.totpRequired")}
        </p>
      )}
      <TotpSettings enabled={actor.totpEnabled} secret={secret} qrCode={secret ? qrDataUri(totpUri(secret, actor.username)) : null} />
      {!actor.totpSetupRequired && (
        <Link href="/" className="inline-block text-sm font-medium text-brand-700 hover:underline">
          ← {t("account.backHome")}
        </Link>
      )}
    </div>
  );
}

async function PasswordFirst() {
  const { t } = await getTranslator();
  return (
    <Link href="/account/password" className="text-brand-700 hover:underline">
      {t("errors.passwordChangeRequired")}
    </Link>
  );
}
