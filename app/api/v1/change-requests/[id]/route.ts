import { getChangeEndpoint } from "@/lib/api/endpoints";

export const GET = getChangeEndpoint.route;
