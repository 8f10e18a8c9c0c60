// Loads every module that defines service actions, so SERVICE_ACTIONS holds all of them: the
// matrix and fuzz tests then cover an action the moment it is written.
import fs from "node:fs";
import path from "node:path";

const modules = import.meta.glob(
  [
    "/lib/**/service.ts",
    "/lib/**/import.ts",
    "/lib/plans/work-points.ts",
    "/lib/reports/progress-service.ts",
    "/lib/reports/quarterly-service.ts",
    "/lib/reports/info-service.ts",
    "/lib/reports/remind-service.ts",
    "/lib/notifications/read-service.ts",
    "/lib/dashboard/thresholds-service.ts",
    "/lib/api/token-service.ts",
    "/lib/attachments/pending.ts",
    "/lib/attachments/closeout.ts",
    "/lib/attachments/change.ts",
    "/lib/attachments/notice.ts",
    "/lib/attachments/quarterly.ts",
    "/lib/attachments/info.ts",
    "/lib/attachments/instruction.ts",
  ],
  { eager: true },
);

/** Files under lib/ that call defineServiceAction but are not loaded above (should be none). */
export function unloadedServiceFiles(): string[] {
  const loaded = new Set(Object.keys(modules).map((file) => path.resolve(`.${file}`)));
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "generated") walk(full);
      else if (
        entry.name.endsWith(".ts") &&
        !full.endsWith(path.join("server", "action.ts")) &&
        fs.readFileSync(full, "utf8").includes("defineServiceAction(")
      )
        found.push(full);
    }
  };
  walk(path.resolve("lib"));
  return found.filter((file) => !loaded.has(file));
}
