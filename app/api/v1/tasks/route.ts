import { createTaskEndpoint, listTasksEndpoint } from "@/lib/api/endpoints";

export const GET = listTasksEndpoint.route;
export const POST = createTaskEndpoint.route;
