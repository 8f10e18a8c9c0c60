import { dismissSignalEndpoint } from "@/lib/api/endpoints";

export const POST = dismissSignalEndpoint.route;
