/** The session cookie's own lifetime; idle timeout and absolute lifetime are in session-policy.ts. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
