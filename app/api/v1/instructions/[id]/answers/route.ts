import { answerInstructionEndpoint } from "@/lib/api/endpoints";

export const POST = answerInstructionEndpoint.route;
