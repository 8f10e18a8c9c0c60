import { complianceEndpoint } from "@/lib/api/endpoints";

export const GET = complianceEndpoint.route;
