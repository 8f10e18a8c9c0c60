/** Sign-in attempts from one client address before the throttle answers 429, and its window. */
export const IP_ATTEMPTS = 30;
export const IP_WINDOW_SECONDS = 10 * 60;
