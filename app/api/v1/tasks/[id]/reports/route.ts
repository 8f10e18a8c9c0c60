import { fileReportEndpoint, listTaskReportsEndpoint } from "@/lib/api/endpoints";

export const GET = listTaskReportsEndpoint.route;
export const POST = fileReportEndpoint.route;
