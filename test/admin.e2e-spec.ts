import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { DomainError, httpStatusFor } from '../src/common/domain-error.js';
import { registerMember, uniqueLoginName } from './support/accounts.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** What `npm run kring -- admin:grant <loginName>` does, through the running app's service. */
describe('granting the admin role', () => {
  let app: TestApp;
  let accounts: AccountsService;

  beforeAll(async () => {
    app = await startTestApp();
    accounts = app.app.get(AccountsService);
  });

  afterAll(async () => {
    await app.close();
  });

  const roleOf = async (bearer: string) =>
    (await app.http.get('/api/me').set('Authorization', bearer)).body.role as string;

  it('makes the account an admin, whatever the case of the name, and its current token carries the role at once', async () => {
    const member = await registerMember(app);
    const bystander = await registerMember(app);
    expect(await roleOf(member.bearer)).toBe('member');
    await accounts.grantAdmin(member.loginName.toUpperCase());
    expect(await roleOf(member.bearer)).toBe('admin');
    expect(await roleOf(bystander.bearer)).toBe('member');
  });

  it('can be given twice without harm', async () => {
    const member = await registerMember(app);
    await accounts.grantAdmin(member.loginName);
    await accounts.grantAdmin(member.loginName);
    expect(await roleOf(member.bearer)).toBe('admin');
  });

  it('fails with not_found (a 404) for a login name nobody has', async () => {
    const error = await accounts.grantAdmin(uniqueLoginName('nobody')).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('not_found');
    expect(httpStatusFor((error as DomainError).code)).toBe(404);
    expect((error as DomainError).message).toBe('No account with this login name.');
  });
});
