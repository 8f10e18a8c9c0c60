import { downloadAttachmentEndpoint } from "@/lib/api/endpoints";

export const GET = downloadAttachmentEndpoint.route;
