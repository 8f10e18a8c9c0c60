import { getTaskEndpoint, updateTaskEndpoint } from "@/lib/api/endpoints";

export const GET = getTaskEndpoint.route;
export const PATCH = updateTaskEndpoint.route;
