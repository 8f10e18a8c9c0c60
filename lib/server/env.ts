import { z } from "zod";

// The one place the web app reads process.env (STYLE.md habit 8). Not marked server-only because
// proxy.ts needs it too; the ESLint rule keeps lib/server out of client components.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  NEXTAUTH_URL: z.string().url().optional(),
  /** A controlled clock for tests and demos: ISO date-time the app treats as "now". */
  APP_NOW: z.string().datetime({ offset: true }).optional(),
  /** "1" when the database holds the demo county: the sign-in page then lists the demo accounts. */
  DEMO_MODE: z.enum(["0", "1"]).default("0"),
  /** where evidence files are kept: outside the web root, git-ignored */
  UPLOAD_DIR: z.string().min(1).default(".data/uploads"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid environment: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
    }
    cached = parsed.data;
  }
  return cached;
}
