import { listTaskChangesEndpoint, requestChangeEndpoint } from "@/lib/api/endpoints";

export const GET = listTaskChangesEndpoint.route;
export const POST = requestChangeEndpoint.route;
