// The README's API examples, run as written (bash + curl + node) against the e2e server and its
// demo county: sign-in, the ledger filtered to red tasks, one task, a PATCH with its version, the
// lights summary, compliance, a unit's report filed and submitted, the office's approval, and a
// field-level error in English.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { appDay, expect, test } from "./fixtures";

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
  // the red list: only red tasks; from April on (a quarter of the plan is due) the demo has some
  const reds = JSON.parse(firstJson(output)) as { items: { light: string }[]; year: number };
  expect(reds.year).toBe(appDay().getUTCFullYear());
  expect(
    reds.items.every((task) => task.light === "RED"),
    firstJson(output),
  ).toBe(true);
  if (appDay().getUTCMonth() >= 3) expect(reds.items.length).toBeGreaterThan(0);
  expect(output).toContain('"milestones":[');
  // the change request, approved: its outcome old → new, and the decision
  expect(output).toMatch(/"field":"outcome","label":"成果形式","from":[^,]*,"to":"形成可复制推广的制度成果"/);
  expect(output).toMatch(/"status":"APPROVED","reason":"专项小组会议研究决定"/);
  expect(output).toMatch(/"byLight":\{[^}]*"GREEN":\d+/);
  expect(output).toMatch(/"units":\[\{"id":/);
  expect(output).toMatch(/"status":"APPROVED","percent":100/);
  expect(output).toContain('{"error":{"code":"VALIDATION_FAILED","message":"Some fields need correcting');
  expect(output).toContain('"fields":{"light":"The format is not valid"}');
});

/** The first JSON object of the output (curl prints the bodies one after another, no newline between). */
function firstJson(output: string): string {
  let depth = 0;
  let quoted = false;
  for (let i = output.indexOf("{"); i < output.length; i++) {
    const char = output[i];
    if (quoted) {
      if (char === "\\") i++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === "{") depth++;
    else if (char === "}" && --depth === 0) return output.slice(output.indexOf("{"), i + 1);
  }
  return output;
}
