import { closeInstructionEndpoint } from "@/lib/api/endpoints";

export const POST = closeInstructionEndpoint.route;
