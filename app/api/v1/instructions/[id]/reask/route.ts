import { reaskInstructionEndpoint } from "@/lib/api/endpoints";

export const POST = reaskInstructionEndpoint.route;
