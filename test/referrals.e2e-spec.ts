import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import QRCode from 'qrcode';
import type { Test } from 'supertest';
import { DataSource } from 'typeorm';
import type { ReferralCreated, ReferralLookup, ReferralView } from '../src/contracts/group-proposals.js';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import type { AuditEntry } from '../src/contracts/moderation.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('referral codes and the printable card (issue 14)', () => {
  let app: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await registerAdmin(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const sql = <T>(query: string, params: unknown[] = []) => app.app.get(DataSource).query<T>(query, params);

  function as(who: TestMember | null, method: 'get' | 'post', path: string, body?: object): Test {
    const request = app.http[method](`/api${path}`);
    if (who) {
      request.set('Authorization', who.bearer);
    }
    return body === undefined ? request : request.send(body);
  }

  async function moderatorOf(group: GroupDetail): Promise<TestMember> {
    const member = await registerMember(app);
    await makeModerator(app, await joinGroup(app, member, group.slug));
    return member;
  }

  const join = (who: TestMember, slug: string, inviteCode: string) =>
    as(who, 'post', `/groups/${slug}/join`, { pledgeAccepted: true, inviteCode });

  async function code(who: TestMember, group: GroupDetail, body: object = {}): Promise<ReferralCreated> {
    const made = await as(who, 'post', `/groups/${group.slug}/referrals`, body);
    expect(made.status).toBe(201);
    return made.body as ReferralCreated;
  }

  it('lets the moderators of an open group make a code with an expiry and a number of uses; the referrer sees only a count', async () => {
    const group = await createGroup(app, admin, { kind: 'open', name: 'Angst en paniek' });
    const moderator = await moderatorOf(group);
    const made = await code(moderator, group, { uses: 3, days: 14 });
    expect(made).toMatchObject({ maxUses: 3, used: 0, state: 'active' });
    expect(made.link).toBe(`${app.baseUrl}/r/${made.code}`);
    const days = (new Date(made.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);

    // A guest holding the card learns which group it is for, and joins with it.
    const lookup = await as(null, 'post', '/referrals/lookup', { code: made.code });
    expect(lookup.body).toEqual({ group: group.slug, name: 'Angst en paniek', kind: 'open' } satisfies ReferralLookup);
    const newcomer = await registerMember(app);
    const joined = await join(newcomer, group.slug, made.code);
    expect(joined.status).toBe(201);
    expect((joined.body as MyMembership).status).toBe('active');

    const listed = (await as(moderator, 'get', `/groups/${group.slug}/referrals`)).body as ReferralView[];
    expect(listed).toEqual([
      { id: made.id, maxUses: 3, used: 1, expiresAt: made.expiresAt, createdAt: made.createdAt, state: 'active' },
    ]);
    // Nothing in the audit log ties the code to who used it.
    const log = (await as(moderator, 'get', `/groups/${group.slug}/moderation/audit`)).body as AuditEntry[];
    expect(log.filter((entry) => entry.target.item?.id === made.id).map((entry) => entry.action)).toEqual(['invite']);
    expect(JSON.stringify(log)).not.toContain((joined.body as MyMembership).memberId);
  });

  it('admits to a closed group at once, and an admin may make codes too', async () => {
    const group = await createGroup(app, admin, { kind: 'closed' });
    const made = await code(admin, group, { uses: 1, days: 1 });
    const newcomer = await registerMember(app);
    const joined = await join(newcomer, group.slug, made.code);
    expect({ status: joined.status, state: (joined.body as MyMembership).status }).toEqual({
      status: 201,
      state: 'active',
    });
    const without = await as(await registerMember(app), 'post', `/groups/${group.slug}/join`, { pledgeAccepted: true });
    expect(without.status).toBe(202);
  });

  it('refuses a used-up code and a code past its expiry with a clear error, and joins nobody', async () => {
    const group = await createGroup(app, admin);
    const moderator = await moderatorOf(group);
    const once = await code(moderator, group, { uses: 1, days: 30 });
    await join(await registerMember(app), group.slug, once.code).expect(201);
    const late = await registerMember(app);
    const usedUp = expectError(await join(late, group.slug, once.code), 410, 'invite_used_up');
    expect(usedUp.message).toContain('used as many times');
    expectError(await as(null, 'post', '/referrals/lookup', { code: once.code }), 410, 'invite_used_up');

    const old = await code(moderator, group, { uses: 10, days: 30 });
    await sql(`UPDATE group_invite SET expires_at = '2026-01-31T12:00:00Z' WHERE id = $1`, [old.id]);
    const expired = expectError(await join(late, group.slug, old.code), 410, 'invite_expired');
    expect(expired.message).toContain('expired on 2026-01-31');
    expectError(await as(null, 'post', '/referrals/lookup', { code: old.code }), 410, 'invite_expired');

    expectError(await join(late, group.slug, 'not-a-real-code'), 400, 'invalid_invite');
    const other = await createGroup(app, admin);
    expectError(await join(late, other.slug, (await code(moderator, group)).code), 400, 'invalid_invite');
    expectError(await as(late, 'get', `/groups/${group.slug}/membership`), 403, 'not_a_member');

    const states = ((await as(moderator, 'get', `/groups/${group.slug}/referrals`)).body as ReferralView[]).map(
      (view) => [view.id, view.state, view.used],
    );
    expect(states).toEqual(
      expect.arrayContaining([
        [once.id, 'used-up', 1],
        [old.id, 'expired', 0],
      ]),
    );
  });

  it('lets only the group’s moderators and admins make or see codes', async () => {
    const group = await createGroup(app, admin);
    const other = await createGroup(app, admin);
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug);
    const elsewhere = await moderatorOf(other);
    for (const [method, path] of [
      ['post', `/groups/${group.slug}/referrals`],
      ['get', `/groups/${group.slug}/referrals`],
      ['post', `/groups/${group.slug}/referrals/card`],
    ] as const) {
      expectError(await as(null, method, path, method === 'post' ? {} : undefined), 401, 'unauthorized');
      expectError(await as(member, method, path, method === 'post' ? {} : undefined), 403, 'forbidden');
      expectError(await as(elsewhere, method, path, method === 'post' ? {} : undefined), 403, 'not_a_member');
    }
    expectError(
      await as(await moderatorOf(group), 'post', `/groups/${group.slug}/referrals`, { uses: 0, days: 400 }),
      400,
      'validation_failed',
    );
  });

  it('prints an A6 card with the group’s name, the short link and its QR code', async () => {
    const group = await createGroup(app, admin, { name: 'Ouders & <kinderen>', locale: 'nl' });
    const moderator = await moderatorOf(group);
    const made = await code(moderator, group, { uses: 50, days: 90 });
    const card = await as(moderator, 'post', `/groups/${group.slug}/referrals/card`, { code: made.code });
    expect(card.status).toBe(200);
    expect(card.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = card.text || String(card.body);
    expect(svg).toContain('width="105mm" height="148mm"');
    expect(svg).toContain('Ouders &#38; &#60;kinderen&#62;');
    expect(svg).not.toContain('<kinderen>');
    expect(svg).toContain(made.link);
    expect(svg).toContain('Scan de code of typ de link');
    // The QR code holds the short link: as many dark modules as the library's own encoding of it.
    const modules = QRCode.create(made.link, { errorCorrectionLevel: 'M' }).modules;
    const dark = Array.from({ length: modules.size * modules.size }, (_, i) =>
      modules.get(i % modules.size, Math.floor(i / modules.size)),
    ).filter(Boolean).length;
    expect(svg.match(/h1v1h-1z/g)?.length).toBe(dark);

    const plain = await as(admin, 'post', `/groups/${group.slug}/referrals/card`, {});
    expect(plain.text || String(plain.body)).toContain(`${app.baseUrl}/groups/${group.slug}`);

    await sql(`UPDATE group_invite SET uses_left = 0 WHERE id = $1`, [made.id]);
    expectError(
      await as(moderator, 'post', `/groups/${group.slug}/referrals/card`, { code: made.code }),
      410,
      'invite_used_up',
    );
  });
});
