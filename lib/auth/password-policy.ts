// Password policy (SECURITY.md 2): length, character classes, not common, not the username,
// not one of the last five (checked by the service against stored hashes), expiry for admins.
// Pure; messages are catalogue keys.

export const PASSWORD_HISTORY_DEPTH = 5;

// The most common passwords of leaked Chinese and international lists, lower-cased; any password
// whose lower-cased form is here is refused even when it has enough character classes.
const COMMON = new Set([
  "123456",
  "12345678",
  "123456789",
  "1234567890",
  "password",
  "password1",
  "password123",
  "p@ssw0rd",
  "p@ssword",
  "passw0rd",
  "passw0rd!",
  "qwerty",
  "qwerty123",
  "qwe123",
  "qwe123!@#",
  "1qaz2wsx",
  "1qaz@wsx",
  "1q2w3e4r",
  "1q2w3e4r5t",
  "abc123",
  "abc12345",
  "abc123456",
  "abcd1234",
  "aa123456",
  "a123456",
  "a1234567",
  "a12345678",
  "admin",
  "admin123",
  "admin@123",
  "admin123!",
  "administrator",
  "root",
  "root123",
  "111111",
  "11111111",
  "000000",
  "00000000",
  "888888",
  "88888888",
  "666666",
  "123123",
  "123321",
  "654321",
  "112233",
  "5201314",
  "woaini",
  "woaini1314",
  "iloveyou",
  "welcome",
  "welcome1",
  "welcome@123",
  "letmein",
  "changeme",
  "test123",
  "test@123",
  "zxcvbnm",
  "zxcvbnm123",
  "asdfghjkl",
  "asd123",
  "qazwsx",
  "qazwsxedc",
  "china123",
  "china@123",
  "beijing",
  "huawei@123",
  "huawei123",
  "gov@123",
  "gov123456",
  "zhengfu123",
  "gaige123",
  "gaige@2026",
  "qinghu@2026",
  "abc@123",
  "abc@1234",
  "aa@123456",
  "a@123456",
  "aa123456!",
  "test1234",
  "user123",
  "user@123",
  "sysadmin",
  "system",
  "system123",
  "default",
  "guest",
  "master",
  "superman",
  "dragon",
  "monkey",
  "football",
  "baseball",
  "sunshine",
  "princess",
  "shadow",
  "trustno1",
  "1234qwer",
  "qwer1234",
]);

export interface PasswordRules {
  minLength: number;
}

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
}

/** Message keys for every rule the password breaks; empty when it is acceptable. */
export function passwordProblems(password: string, context: { username?: string; rules?: PasswordRules } = {}): string[] {
  const minLength = context.rules?.minLength ?? 8;
  const problems: string[] = [];
  if (password.length < minLength) problems.push("validation.passwordTooShort");
  if (password.length > 128) problems.push("validation.passwordTooLong");
  if (characterClasses(password) < 3) problems.push("validation.passwordClasses");
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) problems.push("validation.passwordCommon");
  if (context.username && context.username.length >= 3 && lower.includes(context.username.toLowerCase()))
    problems.push("validation.passwordHasUsername");
  return problems;
}

export function passwordExpired(changedAt: Date | null, maxAgeDays: number | null, now: Date): boolean {
  if (!maxAgeDays) return false;
  if (!changedAt) return true;
  return now.getTime() - changedAt.getTime() >= maxAgeDays * 86_400_000;
}
