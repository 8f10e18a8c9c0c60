import { createInstructionEndpoint, listInstructionsEndpoint } from "@/lib/api/endpoints";

export const GET = listInstructionsEndpoint.route;
export const POST = createInstructionEndpoint.route;
