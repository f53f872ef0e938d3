import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { ThreadPage } from '../src/contracts/forums.js';
import type { DirectoryEntry, GroupInfo, GroupWelcome } from '../src/contracts/group-info.js';
import { AddGroupInformation1795461000000 } from '../migrations/1795461000000-AddGroupInformation.js';
import { GroupsService } from '../src/groups/groups.service.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Finding the right group and a way in: the starter groups of a fresh site, the directory's search
 * and filters, a group's information page (guests read it, its moderators edit it), paired groups,
 * and the newcomer's welcome.
 */
describe('the group directory and information pages', () => {
  let app: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    app = await startTestApp();
    // A fresh database, as the first run of an embedded site gets it.
    await app.app.get(GroupsService).seedStarterGroups();
    admin = await registerAdmin(app);
  });

  afterAll(async () => {
    await app.close();
  });

  async function search(query: string): Promise<string[]> {
    const response = await app.http.get(`/api/groups?${query}`);
    expect(response.status).toBe(200);
    return (response.body as DirectoryEntry[]).map((group) => group.slug).sort();
  }

  const count = async (table: string) =>
    Number((await app.app.get(DataSource).query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it('starts a fresh site with single-issue groups, an English group and a peer group paired with its relatives’ group', async () => {
    const groups = (await app.http.get('/api/groups')).body as DirectoryEntry[];
    const slugs = groups.map((group) => group.slug);
    expect(slugs).toEqual(expect.arrayContaining(['zelfmoordgedachten', 'nabestaanden-na-zelfmoord']));
    expect(slugs).not.toContain('zelfmoord-gedachten-en-verlies');
    expect(groups.filter((group) => group.locale === 'en').length).toBeGreaterThanOrEqual(1);
    const bySlug = new Map(groups.map((group) => [group.slug, group]));
    expect(bySlug.get('verslaving')?.pairedGroup).toEqual({
      slug: 'familie-bij-verslaving',
      name: 'Familie van mensen met een verslaving',
      audience: 'relatives',
    });
    expect(bySlug.get('familie-bij-verslaving')?.pairedGroup?.slug).toBe('verslaving');
    for (const group of groups) {
      const info = (await app.http.get(`/api/groups/${group.slug}/info`)).body as GroupInfo;
      expect([info.purpose, info.whoFor, info.sessionFormat, info.rules].every((text) => text.length > 20)).toBe(true);
      expect(info.topics.length).toBeGreaterThan(0);
    }
    // Seeding again (a restart) adds nothing.
    const before = await count('support_group');
    await app.app.get(GroupsService).seedStarterGroups();
    expect(await count('support_group')).toBe(before);
  });

  it('pins a welcome thread in the site’s voice in every starter group, written by no member account', async () => {
    const member = await registerMember(app);
    await joinGroup(app, member, 'nabestaanden-na-zelfmoord');
    const page = await app.http
      .get('/api/groups/nabestaanden-na-zelfmoord/threads')
      .set('Authorization', member.bearer);
    expect(page.status).toBe(200);
    const [welcome] = (page.body as ThreadPage).threads;
    expect(welcome).toMatchObject({ pinned: true, siteVoice: true, author: null, state: 'visible' });
    expect(welcome.title).toMatch(/stel je .*voor/i);
    const authors = await app.app
      .get(DataSource)
      .query<{ n: number }[]>(`SELECT count(*)::int AS n FROM forum_thread WHERE site_voice AND author_id IS NOT NULL`);
    expect(authors[0].n).toBe(0);
  });

  it('finds groups in Dutch and English by parts of words, ignoring case and accents', async () => {
    expect(await search('q=angst')).toEqual(['anxiety-and-panic', 'fobieen-en-angst']);
    expect(await search('q=fobie')).toEqual(['fobieen-en-angst']);
    expect(await search('q=FOBIE%C3%8BN')).toEqual(['fobieen-en-angst']);
    expect(await search('q=fobieen')).toEqual(['fobieen-en-angst']);
    expect(await search('q=pain')).toEqual(['chronic-pain']);
    expect(await search('q=Chronische%20PIJN')).toEqual(['chronic-pain']);
    expect(await search('q=suicide')).toEqual(['nabestaanden-na-zelfmoord', 'zelfmoordgedachten']);
    expect(await search('q=rouw%20zelfmoord')).toEqual(['nabestaanden-na-zelfmoord']);
    expect(await search('q=scheid')).toEqual(['echtscheiding']);
    expect(await search('q=niets-zoals-dit')).toEqual([]);
  });

  it('filters by category, audience and language, alone or with a search', async () => {
    expect(await search('category=addiction')).toEqual(['verslaving']);
    expect(await search('audience=relatives')).toEqual(['familie-bij-verslaving']);
    expect(await search('category=physical')).toEqual(['chronic-pain']);
    expect(await search('language=en')).toEqual(['anxiety-and-panic', 'chronic-pain']);
    expect(await search('language=nl&q=angst')).toEqual(['fobieen-en-angst']);
    expect(await search('category=psychological&language=en')).toEqual(['anxiety-and-panic']);
    expect(await search('category=addiction&audience=relatives')).toEqual([]);
  });

  it('refuses an unknown filter value or parameter with a clear error', async () => {
    const category = expectError(await app.http.get('/api/groups?category=sadness'), 400, 'validation_failed');
    expect(category.details?.[0].field).toBe('category');
    expectError(await app.http.get('/api/groups?language=fr'), 400, 'validation_failed');
    expectError(await app.http.get('/api/groups?sort=name'), 400, 'validation_failed');
    expectError(await app.http.get(`/api/groups?q=${'a'.repeat(101)}`), 400, 'validation_failed');
  });

  it('lets a guest read the information page: counts only, the next session, and a note when no moderator is active', async () => {
    const group = await createGroup(app, admin, { name: 'Rouw na een lang ziekbed' });
    const first = await registerMember(app);
    const firstMembership = await joinGroup(app, first, group.slug, { alias: 'Zonnebloem' });
    const guest = await app.http.get(`/api/groups/${group.slug}/info`);
    expect(guest.status).toBe(200);
    expect(guest.body).toMatchObject({
      slug: group.slug,
      memberCount: 1,
      moderatorCount: 0,
      nextSessionAt: null,
      category: 'psychological',
      pairedGroup: null,
      pledge: group.pledge,
    });
    expect(JSON.stringify(guest.body)).not.toContain('Zonnebloem');

    await makeModerator(app, firstMembership);
    const start = new Date(Date.now() + 3_600_000);
    const scheduled = await app.http
      .post(`/api/groups/${group.slug}/sessions`)
      .set('Authorization', first.bearer)
      .send({
        title: 'Donderdagavond',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
        capacity: 10,
        facilitatorMemberId: firstMembership.memberId,
      });
    expect(scheduled.status).toBe(201);
    const after = (await app.http.get(`/api/groups/${group.slug}/info`)).body as GroupInfo;
    expect(after.moderatorCount).toBe(1);
    expect(new Date(after.nextSessionAt ?? 0).getTime()).toBe(start.getTime());
    expect(JSON.stringify(after)).not.toContain(firstMembership.memberId);
    // A cancelled meeting is nobody's next session.
    await app.http
      .delete(`/api/groups/${group.slug}/sessions/${(scheduled.body as { id: string }).id}`)
      .set('Authorization', first.bearer)
      .send({ reason: 'De begeleider is ziek.' })
      .expect(204);
    expect(((await app.http.get(`/api/groups/${group.slug}/info`)).body as GroupInfo).nextSessionAt).toBeNull();
    expectError(await app.http.get('/api/groups/no-such-group/info'), 404, 'not_found');
  });

  it('lets the group’s moderators edit the information page, audited, and refuses members, other moderators and guests', async () => {
    const group = await createGroup(app, admin);
    const other = await createGroup(app, admin);
    const moderator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, moderator, group.slug));
    const member = await registerMember(app);
    await joinGroup(app, member, group.slug);
    const elsewhere = await registerMember(app);
    await makeModerator(app, await joinGroup(app, elsewhere, other.slug));
    const edit = { purpose: 'Samen sterker na een verlies.', topics: ['rouw', 'verlies'], category: 'social' };

    expectError(await app.http.patch(`/api/groups/${group.slug}/info`).send(edit), 401, 'unauthorized');
    const byMember = await app.http
      .patch(`/api/groups/${group.slug}/info`)
      .set('Authorization', member.bearer)
      .send(edit);
    expect(expectError(byMember, 403, 'forbidden').message).toMatch(/Only moderators of this group/);
    const byOther = await app.http
      .patch(`/api/groups/${group.slug}/info`)
      .set('Authorization', elsewhere.bearer)
      .send(edit);
    expect(expectError(byOther, 403, 'not_a_member').message).toMatch(/Only members of this group/);
    expect(((await app.http.get(`/api/groups/${group.slug}/info`)).body as GroupInfo).purpose).toBe('');

    const tooLong = await app.http
      .patch(`/api/groups/${group.slug}/info`)
      .set('Authorization', moderator.bearer)
      .send({ rules: 'x'.repeat(4001) });
    expect(expectError(tooLong, 400, 'validation_failed').details?.[0].field).toBe('rules');
    const control = await app.http
      .patch(`/api/groups/${group.slug}/info`)
      .set('Authorization', moderator.bearer)
      .send({ whoFor: 'Voor\u0000 iedereen' });
    expect(expectError(control, 400, 'validation_failed').details?.[0].field).toBe('whoFor');
    const tooMany = await app.http
      .patch(`/api/groups/${group.slug}/info`)
      .set('Authorization', moderator.bearer)
      .send({ topics: Array.from({ length: 21 }, (_, i) => `woord${i}`) });
    expectError(tooMany, 400, 'validation_failed');
    // An edit that names nothing is refused, and leaves no empty entry in the audit log (checked below).
    const nothing = await app.http
      .patch(`/api/groups/${group.slug}/info`)
      .set('Authorization', moderator.bearer)
      .send({});
    expect(expectError(nothing, 400, 'validation_failed').details?.[0].message).toBe(
      'Name at least one field to change.',
    );

    const saved = await app.http
      .patch(`/api/groups/${group.slug}/info`)
      .set('Authorization', moderator.bearer)
      .send(edit);
    expect(saved.status).toBe(200);
    const read = (await app.http.get(`/api/groups/${group.slug}/info`)).body as GroupInfo;
    expect(read).toMatchObject({ purpose: edit.purpose, topics: ['rouw', 'verlies'], category: 'social' });
    expect(await search('q=verlies')).toContain(group.slug);
    const audit = await app.app
      .get(DataSource)
      .query<{ reason: string; reason_code: string; reason_params: unknown; moderator_membership_id: string | null }[]>(
        `SELECT a.reason, a.reason_code, a.reason_params, a.moderator_membership_id
         FROM moderation_action a JOIN support_group g ON g.id = a.group_id
          WHERE g.slug = $1 AND a.action = 'group-update'`,
        [group.slug],
      );
    expect(audit).toEqual([
      {
        reason: '',
        reason_code: 'audit.infoPage',
        reason_params: { fields: 'category, purpose, topics' },
        moderator_membership_id: expect.any(String),
      },
    ]);
  });

  it('lets an admin pair a peer group with a relatives’ group, both ways, and refuses a pair of one audience', async () => {
    const peers = await createGroup(app, admin, { name: 'Leven met NAH' });
    const relatives = await createGroup(app, admin, { name: 'Naasten bij NAH', audience: 'relatives' });
    const third = await createGroup(app, admin, { name: 'Nog een groep' });
    const member = await registerMember(app);
    expectError(
      await app.http
        .put(`/api/groups/${peers.slug}/pair`)
        .set('Authorization', member.bearer)
        .send({ with: relatives.slug }),
      403,
      'forbidden',
    );
    const same = await app.http
      .put(`/api/groups/${peers.slug}/pair`)
      .set('Authorization', admin.bearer)
      .send({ with: third.slug });
    expect(expectError(same, 400, 'validation_failed').details?.[0].field).toBe('with');
    const paired = await app.http
      .put(`/api/groups/${peers.slug}/pair`)
      .set('Authorization', admin.bearer)
      .send({ with: relatives.slug });
    expect(paired.status).toBe(200);
    expect((paired.body as GroupInfo).pairedGroup).toEqual({
      slug: relatives.slug,
      name: 'Naasten bij NAH',
      audience: 'relatives',
    });
    const back = (await app.http.get(`/api/groups/${relatives.slug}/info`)).body as GroupInfo;
    expect(back.pairedGroup?.slug).toBe(peers.slug);

    const unpaired = await app.http.delete(`/api/groups/${relatives.slug}/pair`).set('Authorization', admin.bearer);
    expect(unpaired.status).toBe(204);
    expect(((await app.http.get(`/api/groups/${peers.slug}/info`)).body as GroupInfo).pairedGroup).toBeNull();
  });

  it('shows a newcomer the welcome with the introductions thread until they close it, and only to members', async () => {
    const newcomer = await registerMember(app);
    await joinGroup(app, newcomer, 'depressie');
    const first = await app.http.get('/api/groups/depressie/welcome').set('Authorization', newcomer.bearer);
    expect(first.status).toBe(200);
    const welcome = first.body as GroupWelcome;
    expect(welcome.show).toBe(true);
    const [pinned] = (
      (await app.http.get('/api/groups/depressie/threads').set('Authorization', newcomer.bearer)).body as ThreadPage
    ).threads;
    expect(welcome.threadId).toBe(pinned.id);
    const dismissed = await app.http
      .post('/api/groups/depressie/welcome/dismiss')
      .set('Authorization', newcomer.bearer);
    expect(dismissed.status).toBe(204);
    expect(
      ((await app.http.get('/api/groups/depressie/welcome').set('Authorization', newcomer.bearer)).body as GroupWelcome)
        .show,
    ).toBe(false);
    const stranger = await registerMember(app);
    expectError(
      await app.http.get('/api/groups/depressie/welcome').set('Authorization', stranger.bearer),
      403,
      'not_a_member',
    );
  });
  it('gives the groups of an existing database sensible defaults when it migrates, greets none of their members, and adds no starter groups', async () => {
    const peers = await createGroup(app, admin, { name: 'Bestaande groep' });
    const relatives = await createGroup(app, admin, { name: 'Bestaande familiegroep', audience: 'relatives' });
    const member = await registerMember(app);
    await joinGroup(app, member, peers.slug);
    const thread = await app.http
      .post(`/api/groups/${peers.slug}/threads`)
      .set('Authorization', member.bearer)
      .send({ title: 'Mijn eerste bericht', body: 'Hallo allemaal, ik lees al een tijd mee.' });
    expect(thread.status).toBe(201);
    const groupsBefore = await count('support_group');

    // The database as it was before this migration, with these rows in it; then the migration.
    const runner = app.app.get(DataSource).createQueryRunner();
    const migration = new AddGroupInformation1795461000000();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }

    const info = async (slug: string) => (await app.http.get(`/api/groups/${slug}/info`)).body as GroupInfo;
    expect(await info(peers.slug)).toMatchObject({
      category: 'psychological',
      topics: [],
      purpose: '',
      whoFor: '',
      sessionFormat: '',
      rules: '',
      pairedGroup: null,
    });
    expect((await info(relatives.slug)).category).toBe('relatives');
    const welcome = await app.http.get(`/api/groups/${peers.slug}/welcome`).set('Authorization', member.bearer);
    expect(welcome.body).toEqual({ show: false, threadId: null });
    const page = await app.http.get(`/api/groups/${peers.slug}/threads`).set('Authorization', member.bearer);
    const [listed] = (page.body as ThreadPage).threads;
    expect(listed.author?.memberId).toBeDefined();
    expect(listed.siteVoice).toBeUndefined();
    expect(await count('support_group')).toBe(groupsBefore);
  });
});
