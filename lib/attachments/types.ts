// Plain data shapes of evidence files (佐证材料) for client components and the API (no server code here).

/** One evidence file as the lists show it. */
export interface EvidenceFile {
  id: string;
  fileName: string;
  size: number;
  mimeType: string;
  uploadedBy: string | null;
  /** ISO date-time */
  uploadedAt: string;
  /** the submission the file came with (1 = first submission); null where the record has no rounds */
  round: number | null;
  /** GET /attachments/{id}: always a download */
  url: string;
  /** the same with ?inline=1 for PDF and images (opened in the browser); null for other types */
  inlineUrl: string | null;
}

/** What POST /attachments answers. */
export type UploadAnswer =
  { ok: true; file: EvidenceFile } | { ok: false; status: number; message: string; fieldErrors?: Record<string, string[]> };

export const evidenceUrl = (id: string) => `/attachments/${encodeURIComponent(id)}`;
