import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiReference } from "@/components/api-docs/api-reference";
import { readDocument } from "@/components/api-docs/model";
import { openApiDocument } from "@/lib/api/openapi";
import { requireActor } from "@/lib/auth/actor";
import { getTranslator } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("apiDocs.title") };
}

/** The origin the reader reached the portal on, for the base URL they can copy; else relative. */
async function requestOrigin(): Promise<string | null> {
  const list = await headers();
  const host = (list.get("x-forwarded-host") ?? list.get("host"))?.split(",")[0]?.trim();
  if (!host) return null;
  const protocol = list.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${protocol}://${host}`;
}

/** 接口说明: the /api/v1 OpenAPI document as a readable page; every signed-in user may read it. */
export default async function Page() {
  await requireActor();
  return <ApiReference reference={readDocument(openApiDocument())} origin={await requestOrigin()} />;
}
