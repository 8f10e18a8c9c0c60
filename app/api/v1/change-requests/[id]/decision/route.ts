import { decideChangeEndpoint } from "@/lib/api/endpoints";

export const POST = decideChangeEndpoint.route;
