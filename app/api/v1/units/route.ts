import { unitsEndpoint } from "@/lib/api/endpoints";

export const GET = unitsEndpoint.route;
