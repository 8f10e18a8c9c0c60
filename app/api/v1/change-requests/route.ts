import { listChangesEndpoint } from "@/lib/api/endpoints";

export const GET = listChangesEndpoint.route;
