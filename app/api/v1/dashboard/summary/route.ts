import { summaryEndpoint } from "@/lib/api/endpoints";

export const GET = summaryEndpoint.route;
