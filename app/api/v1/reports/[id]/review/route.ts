import { reviewReportEndpoint } from "@/lib/api/endpoints";

export const POST = reviewReportEndpoint.route;
