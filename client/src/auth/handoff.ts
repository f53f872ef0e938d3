/**
 * The login name typed at registration, handed to the login page that follows so the member does
 * not type it twice. Memory only, taken once.
 */
let pending: string | null = null;

export function handOverLoginName(loginName: string): void {
  pending = loginName;
}

export function takeLoginName(): string | null {
  const loginName = pending;
  pending = null;
  return loginName;
}
