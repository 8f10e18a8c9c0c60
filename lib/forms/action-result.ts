/** What a server action returns to the client: data, or a message and field messages in the user's language. */
export type ActionResult<R> =
  { ok: true; data: R } | { ok: false; status: number; message: string; fieldErrors?: Record<string, string[]>; conflict?: unknown };
