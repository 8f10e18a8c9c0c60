import { listSignalsEndpoint } from "@/lib/api/endpoints";

export const GET = listSignalsEndpoint.route;
