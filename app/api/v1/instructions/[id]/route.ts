import { getInstructionEndpoint } from "@/lib/api/endpoints";

export const GET = getInstructionEndpoint.route;
