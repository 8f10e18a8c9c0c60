import { groupsEndpoint } from "@/lib/api/endpoints";

export const GET = groupsEndpoint.route;
