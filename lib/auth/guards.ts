import "server-only";
import { notFound } from "next/navigation";
import { requireActor, type Actor } from "./actor";
import { canOpenSection, type Section } from "./sections";

/** For section pages: the actor when their roles open this section; otherwise 404, not a hint. */
export async function requireSection(section: Section): Promise<Actor> {
  const actor = await requireActor();
  if (
    !canOpenSection(
      actor.roles.map((grant) => grant.role),
      section,
    )
  )
    notFound();
  return actor;
}
