import { closeSessionEndpoint, openSessionEndpoint } from "@/lib/api/endpoints";

export const POST = openSessionEndpoint.route;
export const DELETE = closeSessionEndpoint.route;
