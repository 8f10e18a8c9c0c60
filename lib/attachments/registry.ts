import "server-only";
import { changeRequestOwner } from "./change";
import { closeOutOwner } from "./closeout";
import { noticeOwner } from "./notice";
import { infoOwner } from "./info";
import { instructionOwner } from "./instruction";
import type { EvidenceFor, EvidenceOwner } from "./owners";
import { quarterlyOwner } from "./quarterly";
import { attachToReport, checkReportUpload } from "./service";

// Every record a unit attaches evidence to, by the multipart field `for` (lib/attachments/owners.ts).

const reportOwner: EvidenceOwner = {
  field: "reportId",
  check: checkReportUpload,
  attach: (actor, { id, ...file }) => attachToReport(actor, { reportId: id, ...file }),
};

const OWNERS: Partial<Record<EvidenceFor, EvidenceOwner>> = {
  report: reportOwner,
  closeout: closeOutOwner,
  notice: noticeOwner,
  quarterly: quarterlyOwner,
  info: infoOwner,
  change: changeRequestOwner,
  instruction: instructionOwner,
};

export function ownerFor(kind: string): EvidenceOwner | null {
  return Object.hasOwn(OWNERS, kind) ? (OWNERS[kind as EvidenceFor] ?? null) : null;
}
