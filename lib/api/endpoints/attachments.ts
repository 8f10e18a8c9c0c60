import "server-only";
import { z } from "zod";
import { downloadAttachment } from "@/lib/attachments/service";
import { attachmentMaxMb, nodeBody, uploadReportEvidence } from "@/lib/attachments/upload";
import { createTranslator, lookup, messagesFor, type MessageKey } from "@/lib/i18n/translate";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { defineEndpoint } from "../endpoint";
import { apiDownloadUrl } from "../reads";
import { attachmentSchema, idPathSchema } from "../schemas";

const TAG = "进展报送";

export const uploadReportAttachmentEndpoint = defineEndpoint({
  method: "POST",
  path: "/reports/{id}/attachments",
  operationId: "uploadReportAttachment",
  tag: TAG,
  summary: "为月度进展报告（牵头单位月报或配合单位协同进展）上传一个佐证材料",
  description:
    "multipart/form-data，文件字段名为 file，每次一个文件，不超过 {maxMb} MB（设置 ATTACHMENT_MAX_MB）。只有草稿或被退回的报告可以添加；文件内容须与扩展名相符（PDF、OFD、Word、Excel、PPT、WPS、JPG、PNG、ZIP）。只有可以填报该报告的单位（牵头单位月报为牵头单位，协同进展为该配合单位）及改革办可以上传。",
  auth: "bearer",
  params: idPathSchema,
  rawRequestBody: {
    contentType: "multipart/form-data",
    schema: {
      type: "object",
      required: ["file"],
      properties: { file: { type: "string", contentMediaType: "application/octet-stream", description: "佐证材料文件" } },
    },
  },
  response: attachmentSchema,
  status: 201,
  errors: [401, 403, 404, 422, 429],
  async handle({ caller, params, request, locale }) {
    try {
      const {
        url: _url,
        inlineUrl: _inline,
        ...file
      } = await uploadReportEvidence(caller.actor, request.headers, nodeBody(request), params.id);
      return { ...file, downloadUrl: apiDownloadUrl(file.id) };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // the cap is part of the message: translated here, where its value is known
      const messages = messagesFor(locale);
      const t = createTranslator(messages);
      const max = attachmentMaxMb();
      throw new ValidationError(
        Object.fromEntries(
          Object.entries(error.fieldErrors).map(([field, keys]) => [
            field,
            keys.map((key) => (typeof lookup(messages, key) === "string" ? t(key as MessageKey, { max }) : key)),
          ]),
        ),
      );
    }
  },
});

export const downloadAttachmentEndpoint = defineEndpoint({
  method: "GET",
  path: "/attachments/{id}",
  operationId: "downloadAttachment",
  tag: TAG,
  summary: "下载一个佐证材料（按原文件名，作为附件下载）",
  description: "只有可以查看该报告的调用方可以下载，否则 404；每次下载记入审计日志。",
  auth: "bearer",
  params: idPathSchema,
  response: z.string(),
  rawResponse: { contentType: "application/octet-stream", description: "文件内容" },
  errors: [401, 403, 404, 429],
  async handle({ caller, params, locale }) {
    const response = await downloadAttachment(caller.actor, params.id, locale);
    if (response.ok) return response;
    // refused (and audited as such): answered in the API's one error shape
    await response.body?.cancel();
    throw response.status === 403 ? new ForbiddenError() : new NotFoundError();
  },
});
