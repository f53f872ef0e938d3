import { randomBytes } from 'node:crypto';
import { expect } from '@jest/globals';
import type { TokenPair } from '../../src/contracts/auth.js';
import type { TestApp } from './test-app.js';

export interface TestMember {
  loginName: string;
  password: string;
  recoveryCodes: string[];
  tokens: TokenPair;
  /** `Authorization` header value for this member's current access token. */
  bearer: string;
}

let counter = 0;

/** A login name that is valid and unique within the run. */
export function uniqueLoginName(prefix = 'member'): string {
  counter += 1;
  return `${prefix}_${counter}_${randomBytes(3).toString('hex')}`;
}

export const strongPassword = () => `calm-river-${randomBytes(6).toString('hex')}`;

/** Registers an account and logs it in. */
export async function registerMember(
  app: TestApp,
  overrides: { loginName?: string; password?: string } = {},
): Promise<TestMember> {
  const loginName = overrides.loginName ?? uniqueLoginName();
  const password = overrides.password ?? strongPassword();
  const registered = await app.http.post('/api/auth/register').send({ loginName, password });
  expect(registered.status).toBe(201);
  const loggedIn = await app.http.post('/api/auth/login').send({ loginName, password });
  expect(loggedIn.status).toBe(200);
  const tokens = loggedIn.body as TokenPair;
  return {
    loginName: loginName.toLowerCase(),
    password,
    recoveryCodes: registered.body.recoveryCodes as string[],
    tokens,
    bearer: `Bearer ${tokens.accessToken}`,
  };
}
