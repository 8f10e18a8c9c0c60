import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { ALLOWED_MIME_TYPES } from "./rules";
import type { EvidenceFile } from "./types";

// The records evidence files hang on (docs/decisions/0013). Each kind a unit files — a monthly
// report, a close-out application, an answer to a supervision notice, a quarterly report, an item
// of the information report — is an owner: which multipart field names the record, who may add a
// file to it now (asked before any byte is stored), and the service action that moves the staged
// file in and writes the row; and, keyed by the row's entityType, who may read its files. The
// owners are listed in lib/attachments/registry.ts.

/** What the streamed upload hands the owner once the file is staged, checked and hashed. */
export const attachInputSchema = z
  .object({
    id: z.string().min(1).max(64),
    fileName: z.string().min(1).max(255),
    mimeType: z.enum(ALLOWED_MIME_TYPES as [string, ...string[]]),
    stagedId: z.uuid(),
    storageKey: z.string().regex(/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/),
    size: z.number().int().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type AttachInput = z.infer<typeof attachInputSchema>;

export interface EvidenceOwner {
  /** the multipart field (sent before the file) with the record's id */
  field: string;
  /** May the actor add a file to that record now? Throws NotFound / Forbidden / a field message. */
  check(actor: Actor, id: string): Promise<void>;
  /** One transaction: the staged file moved under its key, the row, one audit row. */
  attach(actor: Actor, input: AttachInput): Promise<{ file: EvidenceFile }>;
}

/** The owner's check, with the id cut to a sane length (a hostile field never reaches a query whole). */
export const idOf = (fields: Record<string, string>, owner: EvidenceOwner) => fields[owner.field]?.slice(0, 64) ?? "";

/** The value of the multipart field `for`: which kind of record the file is for. */
export const EVIDENCE_FOR = ["report", "closeout", "notice", "quarterly", "info", "change", "instruction"] as const;
export type EvidenceFor = (typeof EVIDENCE_FOR)[number];

/**
 * Who may fetch a file hanging on one entityType: true for the people who may see the record (and,
 * for a file not yet submitted with it, only those who may still change it); false answers 404.
 */
export type ReadScope = (
  actor: Actor,
  attachment: { entityType: string; entityId: string; round: number | null; uploadedById: string | null },
) => Promise<boolean>;
