import { dropDatabase, ensureDatabase, withDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { adminUrl, serverUrl, TEMPLATE_DATABASE } from "./database";

export default async function setup() {
  await dropDatabase(adminUrl(), TEMPLATE_DATABASE);
  await ensureDatabase(adminUrl(), TEMPLATE_DATABASE);
  await migrate(withDatabase(serverUrl(), TEMPLATE_DATABASE));
}
