// The README's API examples, run as written (bash + curl + node) against the e2e server and its
// demo county: sign-in, the ledger filtered to red tasks, one task, a PATCH with its version, the
// lights summary, compliance, a unit's report filed and submitted, the office's approval, and a
// field-level error in English.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "./fixtures";

test("the README's curl examples work against the demo county", async ({ baseURL }) => {
  const readme = fs.readFileSync("README.md", "utf8");
  const script = /<!-- api-example:start -->\s*```sh\n([\s\S]*?)```\s*<!-- api-example:end -->/.exec(readme)?.[1];
  expect(script, "the README's API example block").toBeTruthy();

  // -x: a failing call shows in the message with the command that made it
  const run = spawnSync("bash", ["-xeuo", "pipefail", "-c", script!], {
    env: { ...process.env, BASE: `${baseURL}/api/v1` },
    encoding: "utf8",
    timeout: 90_000,
  });
  expect(run.status, `${run.stderr}\n${run.stdout}`.slice(-4000)).toBe(0);
  const output = run.stdout;

  // every call but the last fails the script on an HTTP error (--fail-with-body); what they printed:
  expect(output).toMatch(/"items":\[\{"id":"[^"]+","code":"[^"]+".*"light":"RED"/);
  expect(output).toContain('"milestones":[');
  expect(output).toContain('"outcome":"形成可复制推广的制度成果"');
  expect(output).toMatch(/"byLight":\{[^}]*"GREEN":\d+/);
  expect(output).toMatch(/"units":\[\{"id":/);
  expect(output).toMatch(/"status":"APPROVED","percent":100/);
  expect(output).toContain('{"error":{"code":"VALIDATION_FAILED","message":"Some fields need correcting');
  expect(output).toContain('"fields":{"light":"The format is not valid"}');
});
