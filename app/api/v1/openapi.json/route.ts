import { openApiEndpoint } from "@/lib/api/endpoints";

export const GET = openApiEndpoint.route;
