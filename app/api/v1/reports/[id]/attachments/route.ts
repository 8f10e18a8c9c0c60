import { uploadReportAttachmentEndpoint } from "@/lib/api/endpoints";

export const POST = uploadReportAttachmentEndpoint.route;
