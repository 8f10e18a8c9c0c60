import { handleUpload } from "@/lib/attachments/upload";

/** POST /attachments: one evidence file, streamed (multipart/form-data; lib/attachments/upload.ts). */
export async function POST(request: Request): Promise<Response> {
  return handleUpload(request);
}
