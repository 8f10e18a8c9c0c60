// The evidence API: POST /api/v1/reports/{id}/attachments (multipart, streamed) with the same scope
// rules as the portal, errors in the API's one shape with the cap in the message, and the files
// listed with a download link on GET /tasks/{id}/reports that only callers who may see them can use.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  downloadAttachmentEndpoint,
  listTaskReportsEndpoint,
  openSessionEndpoint,
  uploadReportAttachmentEndpoint,
} from "@/lib/api/endpoints";
import { errorBodySchema } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { saveReportDraft, submitReport } from "@/lib/reports/progress-service";
import { createCommittee, createGroup, createUnit, createUser, TEST_PASSWORD } from "@/tests/factories";
import { actorFor } from "@/tests/support/actor";
import { callApi } from "@/tests/support/api";

process.env.APP_NOW = "2026-11-22T02:00:00.000Z";

const MB = 1024 * 1024;

function pdfOf(size: number): Buffer {
  const head = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n%";
  const tail = "\ntrailer<</Root 1 0 R>>\n%%EOF\n";
  return Buffer.concat([Buffer.from(head), Buffer.alloc(size - head.length - tail.length, 0x20), Buffer.from(tail)]);
}

/** POST a multipart body to the upload endpoint's route handler, streamed as a Web request body. */
async function uploadVia(token: string, reportId: string, name: string, bytes: Buffer) {
  const boundary = `----api${crypto.randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const request = new Request(`http://localhost/api/v1/reports/${reportId}/attachments`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": `multipart/form-data; boundary=${boundary}` },
    body: new Blob([body]).stream(),
    duplex: "half",
  } as RequestInit);
  const response = await uploadReportAttachmentEndpoint.route(request, { params: Promise.resolve({ id: reportId }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function tokenFor(username: string): Promise<string> {
  const answer = await callApi<{ token: string }>(openSessionEndpoint, { body: { username, password: TEST_PASSWORD } });
  expect(answer.status).toBe(200);
  return answer.body.token;
}

describe("the evidence API", () => {
  it("uploads to a draft, lists the file with a download link once submitted, and keeps it from another unit (404)", async () => {
    const committee = await createCommittee();
    const group = await createGroup(committee.id);
    const [lead, other] = [await createUnit(committee.id), await createUnit(committee.id)];
    const plan = await db.workPlan.create({ data: { committeeId: committee.id, year: 2026, title: "2026年工作要点" } });
    const task = await db.reformTask.create({
      data: {
        committeeId: committee.id,
        year: 2026,
        planId: plan.id,
        groupId: group.id,
        code: "2026-接-001",
        title: "接口佐证测试任务",
        goal: "改革目标",
        leadUnitId: lead.id,
        source: "SELF",
        startDate: new Date("2026-01-01"),
        dueDate: new Date("2026-12-31"),
      },
    });
    const suffix = crypto.randomUUID().slice(0, 8);
    const reporterUser = await createUser(committee.id, { role: "UNIT_REPORTER", unitId: lead.id, username: `api-rep-${suffix}` });
    await createUser(committee.id, { role: "UNIT_REPORTER", unitId: other.id, username: `api-other-${suffix}` });
    await createUser(committee.id, { role: "OFFICE", username: `api-office-${suffix}` });
    const reporter = await actorFor(reporterUser.id);
    const { report } = await saveReportDraft(reporter, { taskId: task.id, period: "2026-10", progress: "完成方案起草", percent: 40 });
    const [reporterToken, otherToken, officeToken] = [
      await tokenFor(`api-rep-${suffix}`),
      await tokenFor(`api-other-${suffix}`),
      await tokenFor(`api-office-${suffix}`),
    ];

    const created = await uploadVia(reporterToken, report.id, "验收报告.pdf", pdfOf(3 * MB));
    expect(created.status).toBe(201);
    uploadReportAttachmentEndpoint.response.parse(created.body);
    expect(created.body).toMatchObject({
      fileName: "验收报告.pdf",
      size: 3 * MB,
      round: 1,
      downloadUrl: `/api/v1/attachments/${created.body.id}`,
    });

    const refused = await uploadVia(reporterToken, report.id, "x.pdf", Buffer.from("<html><script>alert(1)</script></html>"));
    expect(refused.status).toBe(422);
    expect(errorBodySchema.parse(refused.body).error.fields?.file).toBe("文件内容与扩展名不符，可能不是真正的该类型文件");
    const otherUnit = await uploadVia(otherToken, report.id, "a.pdf", pdfOf(1024));
    expect(otherUnit.status).toBe(404);
    errorBodySchema.parse(otherUnit.body);

    const current = await db.progressReport.findUniqueOrThrow({ where: { id: report.id } });
    await submitReport(reporter, { id: report.id, version: current.version });
    const listed = await callApi<{ items: { id: string; attachments: { id: string; downloadUrl: string }[] }[] }>(listTaskReportsEndpoint, {
      token: officeToken,
      params: { id: task.id },
    });
    expect(listed.status).toBe(200);
    listTaskReportsEndpoint.response.parse(listed.body);
    const item = listed.body.items.find((row) => row.id === report.id)!;
    expect(item.attachments.map((file) => file.downloadUrl)).toEqual([`/api/v1/attachments/${created.body.id}`]);

    const download = await downloadAttachmentEndpoint.route(
      new Request(`http://localhost${item.attachments[0]!.downloadUrl}`, { headers: { authorization: `Bearer ${officeToken}` } }),
      { params: Promise.resolve({ id: String(created.body.id) }) },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; /);
    expect((await download.arrayBuffer()).byteLength).toBe(3 * MB);
    const denied = await downloadAttachmentEndpoint.route(
      new Request(`http://localhost${item.attachments[0]!.downloadUrl}`, { headers: { authorization: `Bearer ${otherToken}` } }),
      { params: Promise.resolve({ id: String(created.body.id) }) },
    );
    expect(denied.status).toBe(404);
    expect(errorBodySchema.parse(await denied.json()).error.code).toBe("NOT_FOUND");
  });
});
