// npm run setup:committee -- --name 中共某某县委全面深化改革委员会 --region 某某县 --office 县委改革办 --prefix 某改 [--level COUNTY]
// For a real deployment on an empty database (instead of the demo seed): creates the committee,
// the ten default special groups and the three administrators, and prints their one-time
// passwords once. Each must change it at first sign-in.
import { parseArgs } from "node:util";
import { createPrismaClient, RegionLevel } from "@/lib/db/prisma";
import { bootstrapCommittee } from "@/lib/org/bootstrap";

const { values } = parseArgs({
  options: {
    name: { type: "string" },
    region: { type: "string" },
    office: { type: "string" },
    prefix: { type: "string" },
    level: { type: "string", default: "COUNTY" },
  },
});
if (!values.name || !values.region || !values.office || !values.prefix || !(values.level! in RegionLevel)) {
  console.error(
    "usage: npm run setup:committee -- --name <委员会全称> --region <地区> --office <改革办名称> --prefix <文号简称> [--level PROVINCE|CITY|COUNTY]",
  );
  process.exit(1);
}
const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set (run through scripts/with-db.ts)");
const db = createPrismaClient(url);
try {
  const accounts = await bootstrapCommittee(db, {
    name: values.name,
    regionName: values.region,
    officeName: values.office,
    docPrefix: values.prefix,
    level: values.level as RegionLevel,
  });
  console.log("Committee created. One-time passwords (shown once; each must be changed at first sign-in):");
  for (const account of accounts) console.log(`  ${account.username.padEnd(9)} ${account.role.padEnd(15)} ${account.password}`);
} finally {
  await db.$disconnect();
}
