import { leadersEndpoint } from "@/lib/api/endpoints";

export const GET = leadersEndpoint.route;
