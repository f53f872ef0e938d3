import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { BuddyPairView } from '../src/contracts/chat.js';
import { EXPORTS_PER_HOUR, type MyDataExport } from '../src/contracts/exports.js';
import type { PostView, ThreadView } from '../src/contracts/forums.js';
import type { GroupDetail, MyMembership } from '../src/contracts/groups.js';
import { registerMember, type TestMember } from './support/accounts.js';
import { expectError } from './support/errors.js';
import { createGroup, joinGroup, makeModerator, registerAdmin } from './support/groups.js';
import { closeChatClients, connectChat, joinRoom, sendMessage } from './support/sockets.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { authConfig, decodeToken, signToken, unsignedToken } from './support/tokens.js';

/** Text a member could write to attack whoever opens the page: it must come out as text. */
const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)> & 'quotes'`;
const XSS_ESCAPED =
  '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quotes&#39;';

describe('a member’s own export (GET /api/me/export, /api/me/export.html)', () => {
  let app: TestApp;
  let admin: TestMember;
  let home: GroupDetail;
  let other: GroupDetail;

  /** The member whose export is read, in two groups. */
  let ilse: TestMember;
  let ilseHome: MyMembership;
  let ilseOther: MyMembership;
  /** Another member in the same group: replies, reacts, chats, reports, was her buddy. */
  let bram: TestMember;
  let bramHome: MyMembership;
  /** Her buddy now: his alias is the one other alias she sees in her export. */
  let otto: TestMember;

  let ilseThread: ThreadView;
  let ilseReply: PostView;
  let bramThread: ThreadView;
  let bramReply: PostView;

  // Letters only: a run of digits could read as a phone number to the privacy guard.
  const word = () =>
    randomBytes(5)
      .toString('hex')
      .replace(/\d/g, (digit) => 'ghijklmnop'[Number(digit)]);
  const words = {
    ilseTitle: `Mijn eigen onderwerp ${word()}`,
    ilseBody: `Wat ik zelf vertelde ${word()}`,
    ilseEarlier: `Mijn eerdere versie ${word()}`,
    ilseOtherGroup: `In de andere groep ${word()}`,
    ilseChatHome: `Mijn chatbericht ${word()}`,
    ilseChatOther: `Mijn chat elders ${word()}`,
    ilseReportNote: `Mijn toelichting ${word()}`,
    bramTitle: `Onderwerp van een ander ${word()}`,
    bramBody: `Tekst van een ander ${word()}`,
    bramReply: `Antwoord van een ander ${word()}`,
    bramChat: `Chat van een ander ${word()}`,
    bramReportNote: `Melding van een ander ${word()}`,
    ilseRule: `Wat hier gezegd wordt, blijft echt hier ${word()}`,
    bramRule: `Een andere belofte van een ander ${word()}`,
    ilsePurpose: `Voor wie een broer of zus verloor ${word()}`,
  };

  const exportOf = (member: TestMember) => app.http.get('/api/me/export').set('Authorization', member.bearer);
  const pageOf = (member: TestMember, lang?: string) =>
    app.http.get(`/api/me/export.html${lang ? `?lang=${lang}` : ''}`).set('Authorization', member.bearer);
  const inGroup = (member: TestMember, slug: string) => ({
    post: (path: string, body: object) =>
      app.http.post(`/api/groups/${slug}${path}`).set('Authorization', member.bearer).send(body),
    put: (path: string, body?: object) =>
      app.http
        .put(`/api/groups/${slug}${path}`)
        .set('Authorization', member.bearer)
        .send(body ?? {}),
    patch: (path: string, body: object) =>
      app.http.patch(`/api/groups/${slug}${path}`).set('Authorization', member.bearer).send(body),
  });

  /** Awaits a request and checks its status, showing the body when it differs. */
  async function answer<T>(response: PromiseLike<{ status: number; body: unknown }>, status = 201): Promise<T> {
    const answer = await response;
    expect({ status: answer.status, body: answer.body }).toMatchObject({ status });
    return answer.body as T;
  }

  beforeAll(async () => {
    app = await startTestApp();
    admin = await registerAdmin(app);
    home = await createGroup(app, admin, { name: 'Depressie' });
    other = await createGroup(app, admin, { name: 'Rouw' });
    [ilse, bram, otto] = await Promise.all([registerMember(app), registerMember(app), registerMember(app)]);
    ilseHome = await joinGroup(app, ilse, home.slug, { alias: 'Stille Reiger' });
    ilseOther = await joinGroup(app, ilse, other.slug, { alias: 'Groene Beuk' });
    bramHome = await joinGroup(app, bram, home.slug, { alias: 'Andere Zwaluw' });
    await joinGroup(app, otto, home.slug, { alias: 'Open Otter' });

    const ilseAt = inGroup(ilse, home.slug);
    const bramAt = inGroup(bram, home.slug);
    ilseThread = await answer<ThreadView>(ilseAt.post('/threads', { title: words.ilseTitle, body: words.ilseEarlier }));
    await answer(ilseAt.patch(`/threads/${ilseThread.id}`, { body: `${words.ilseBody} ${XSS}` }), 200);
    bramThread = await answer<ThreadView>(bramAt.post('/threads', { title: words.bramTitle, body: words.bramBody }));
    ilseReply = await answer<PostView>(ilseAt.post(`/threads/${bramThread.id}/posts`, { body: words.ilseBody }));
    bramReply = await answer<PostView>(bramAt.post(`/threads/${ilseThread.id}/posts`, { body: words.bramReply }));
    await answer(inGroup(ilse, other.slug).post('/threads', { title: 'Elders', body: words.ilseOtherGroup }));
    await answer(ilseAt.put(`/threads/${bramThread.id}/reactions/recognise`), 200);
    await answer(bramAt.put(`/threads/${ilseThread.id}/reactions/support`), 200);
    await answer(bramAt.put(`/posts/${ilseReply.id}/reactions/recognise`), 200);
    await answer(
      ilseAt.post('/reports', {
        target: { kind: 'post', id: bramReply.id },
        reason: 'other',
        note: words.ilseReportNote,
      }),
      202,
    );
    await answer(
      bramAt.post('/reports', {
        target: { kind: 'post', id: ilseReply.id },
        reason: 'spam',
        note: words.bramReportNote,
      }),
      202,
    );

    await answer(ilseAt.post('/rule-proposals', { text: words.ilseRule, note: words.ilseReportNote }));
    await answer(bramAt.post('/rule-proposals', { text: words.bramRule }));
    await answer(
      app.http.post('/api/group-proposals').set('Authorization', ilse.bearer).send({
        name: 'Broers en zussen',
        purpose: words.ilsePurpose,
        audience: 'relatives',
        locale: 'nl',
      }),
    );

    await answer(
      app.http.put('/api/notifications/settings').set('Authorization', ilse.bearer).send({ mention: false }),
      200,
    );

    const [ilseSocket, bramSocket] = await Promise.all([connectChat(app, ilse), connectChat(app, bram)]);
    await joinRoom(ilseSocket, { group: home.slug });
    await joinRoom(ilseSocket, { group: other.slug });
    await joinRoom(bramSocket, { group: home.slug });
    await sendMessage(ilseSocket, { group: home.slug }, words.ilseChatHome);
    await sendMessage(bramSocket, { group: home.slug }, words.bramChat);
    await sendMessage(ilseSocket, { group: other.slug }, words.ilseChatOther);

    // Bram was her buddy and the pair ended; Otto is her newcomer now. Buddies are members of some standing.
    await app.app
      .get(DataSource)
      .query(`UPDATE membership SET joined_at = now() - interval '10 years' WHERE id IN ($1, $2)`, [
        bramHome.memberId,
        ilseHome.memberId,
      ]);
    await answer(bramAt.put('/buddies/me', { capacity: 2 }), 200);
    const ended = await answer<BuddyPairView>(ilseAt.post('/buddies/requests', { buddyMemberId: bramHome.memberId }));
    await answer(bramAt.post(`/buddies/pairs/${ended.id}/accept`, {}), 200);
    await answer(ilseAt.post(`/buddies/pairs/${ended.id}/end`, {}), 200);
    await answer(ilseAt.put('/buddies/me', { capacity: 1 }), 200);
    const open = await answer<BuddyPairView>(
      inGroup(otto, home.slug).post('/buddies/requests', { buddyMemberId: ilseHome.memberId }),
    );
    await answer(ilseAt.post(`/buddies/pairs/${open.id}/accept`, {}), 200);
    // Last: an open crisis case of one's own stops a buddy offer.
    await answer(ilseAt.post('/crisis/ask', { note: 'Kan iemand even met me praten?' }), 200);
    await answer(bramAt.post('/crisis/ask', { note: 'Ik wil ook met iemand praten.' }), 200);
  });

  afterAll(async () => {
    closeChatClients();
    await app.close();
  });

  it('holds her own posts, chat messages, reactions, reports and memberships in both groups', async () => {
    const response = await exportOf(ilse);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="kring-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = response.body as MyDataExport;

    expect(data.account).toEqual({ loginName: ilse.loginName, role: 'member', createdAt: expect.any(String) });
    expect(data.memberships.map((m) => [m.group.name, m.alias, m.status, m.role])).toEqual([
      ['Depressie', 'Stille Reiger', 'active', 'member'],
      ['Rouw', 'Groene Beuk', 'active', 'member'],
    ]);
    expect(data.threads.map((t) => [t.group.slug, t.alias, t.title, t.body])).toEqual([
      [home.slug, 'Stille Reiger', words.ilseTitle, `${words.ilseBody} ${XSS}`],
      [other.slug, 'Groene Beuk', 'Elders', words.ilseOtherGroup],
    ]);
    expect(data.threads[0].editedAt).not.toBeNull();
    // Her reply names Bram's thread by id only: its title is his.
    expect(data.posts).toEqual([
      expect.objectContaining({
        id: ilseReply.id,
        threadId: bramThread.id,
        body: words.ilseBody,
        alias: 'Stille Reiger',
      }),
    ]);
    expect(data.revisions).toEqual([
      expect.objectContaining({ threadId: ilseThread.id, title: words.ilseTitle, body: words.ilseEarlier }),
    ]);
    expect(data.chatMessages.map((c) => [c.group.slug, c.alias, c.room, c.body])).toEqual([
      [home.slug, 'Stille Reiger', 'group', words.ilseChatHome],
      [other.slug, 'Groene Beuk', 'group', words.ilseChatOther],
    ]);
    expect(data.reactions).toEqual([
      expect.objectContaining({ kind: 'recognise', threadId: bramThread.id, alias: 'Stille Reiger' }),
    ]);
    expect(data.reports).toEqual([
      expect.objectContaining({ targetKind: 'post', targetId: bramReply.id, note: words.ilseReportNote }),
    ]);
    expect(data.crisisAsks).toEqual([
      expect.objectContaining({ alias: 'Stille Reiger', note: 'Kan iemand even met me praten?' }),
    ]);
    expect(data.ruleProposals).toEqual([
      expect.objectContaining({ alias: 'Stille Reiger', field: 'pledge', text: words.ilseRule, status: 'open' }),
    ]);
    expect(data.groupProposals).toEqual([
      expect.objectContaining({ name: 'Broers en zussen', purpose: words.ilsePurpose, status: 'open', group: null }),
    ]);
    // Her settings: every kind, the one she turned off as off.
    expect(data.notificationSettings).toContainEqual({ kind: 'mention', enabled: false });
    expect(data.notificationSettings).toContainEqual({ kind: 'reply', enabled: true });
    expect(data.pushDevices).toEqual([]);
    expect(data.buddyOffers).toEqual([expect.objectContaining({ capacity: 1, paused: false })]);
    expect(data.buddyPairs.map((p) => [p.role, p.status, p.otherAlias])).toEqual([
      ['newcomer', 'ended', null],
      ['buddy', 'active', 'Open Otter'],
    ]);
  });

  it('holds no other member’s words or alias, and no account id, membership id, password hash or token', async () => {
    const response = await exportOf(ilse);
    expect(response.status).toBe(200);
    const text = JSON.stringify(response.body);
    for (const theirs of [
      words.bramTitle,
      words.bramBody,
      words.bramReply,
      words.bramChat,
      words.bramReportNote,
      words.bramRule,
      'Andere Zwaluw',
    ]) {
      expect(text).not.toContain(theirs);
    }
    // Her current buddy's alias, as the buddy page shows it to her, and nowhere else.
    expect(text.split('Open Otter')).toHaveLength(2);

    const { claims } = decodeToken(ilse.tokens.accessToken);
    const [account] = await app.app
      .get(DataSource)
      .query<{ password_hash: string }[]>(`SELECT password_hash FROM account WHERE id = $1`, [claims.sub]);
    const [refreshId] = ilse.tokens.refreshToken.split('.');
    for (const secret of [
      claims.sub,
      claims.sid,
      ilseHome.memberId,
      ilseOther.memberId,
      bramHome.memberId,
      account.password_hash,
      ilse.tokens.accessToken,
      refreshId,
      ilse.password,
      ...ilse.recoveryCodes,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/\$2[aby]\$/);
  });

  it('serves the page as a download with a strict policy, every member-written text escaped', async () => {
    const response = await pageOf(ilse, 'nl');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="kring-\d{4}-\d{2}-\d{2}\.html"$/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+';/);
    expect(policy).toContain('sandbox');
    expect(policy).not.toContain('script-src');
    const page = response.text;
    expect(page).toContain('<h1>Je gegevens op Kring</h1>');
    expect(page).toContain('<td>actief</td>');
    expect(page).toContain(XSS_ESCAPED);
    expect(page).not.toContain('<script');
    expect(page).not.toMatch(/<img/i);
    expect(page).toContain(words.ilseChatHome);
    expect(page).toContain('Stille Reiger');
    expect(page).not.toContain(words.bramTitle);
    expect(page).not.toContain('Andere Zwaluw');
    // The same policy travels inside the file, for when it is opened from disk.
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;`);
  });

  it('refuses a page language it does not speak', async () => {
    const member = await registerMember(app);
    expectError(await pageOf(member, 'fr'), 400, 'validation_failed');
  });

  it('refuses guests and forged tokens', async () => {
    expectError(await app.http.get('/api/me/export'), 401, 'unauthorized');
    expectError(await app.http.get('/api/me/export.html'), 401, 'unauthorized');
    const { claims } = decodeToken(ilse.tokens.accessToken);
    const forged = await signToken({ ...claims }, 'not-the-site-secret-but-long-enough-to-sign');
    expectError(await app.http.get('/api/me/export').set('Authorization', `Bearer ${forged}`), 401, 'unauthorized');
    const none = unsignedToken({ ...claims });
    expectError(await app.http.get('/api/me/export').set('Authorization', `Bearer ${none}`), 401, 'unauthorized');
    // Rightly signed, but naming another account than the session's: still refused.
    const { claims: bramClaims } = decodeToken(bram.tokens.accessToken);
    const swapped = await signToken({ ...claims, sub: bramClaims.sub }, authConfig(app).jwtSecret);
    expectError(await app.http.get('/api/me/export').set('Authorization', `Bearer ${swapped}`), 401, 'unauthorized');
  });

  it(`allows ${EXPORTS_PER_HOUR} downloads an hour per account, JSON and page together, then answers 429`, async () => {
    const member = await registerMember(app);
    for (let i = 0; i < EXPORTS_PER_HOUR; i++) {
      expect((await (i % 2 === 0 ? exportOf(member) : pageOf(member))).status).toBe(200);
    }
    for (const refused of [await exportOf(member), await pageOf(member)]) {
      const body = expectError(refused, 429, 'rate_limited');
      expect(body.message).toBe(`You can download your data ${EXPORTS_PER_HOUR} times an hour. Try again later.`);
      expect((refused.body as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(55 * 60 * 1000);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(55 * 60);
    }
    // The limit is the account's: another member is not held up by it.
    expect((await exportOf(await registerMember(app))).status).toBe(200);
  });

  it('still gives a suspended, then removed member their own words: they are theirs', async () => {
    const member = await registerMember(app);
    const membership = await joinGroup(app, member, home.slug, { alias: 'Verre Meeuw' });
    const own = `Voor ik ging ${word()}`;
    await answer(inGroup(member, home.slug).post('/threads', { title: 'Afscheid', body: own }));
    const moderator = await registerMember(app);
    await makeModerator(app, await joinGroup(app, moderator, home.slug));
    await answer(
      inGroup(moderator, home.slug).post('/moderation/actions', {
        action: 'suspend',
        memberId: membership.memberId,
        days: 7,
        reason: 'Even afkoelen.',
      }),
    );
    const whileSuspended = await exportOf(member);
    expect(whileSuspended.status).toBe(200);
    expect((whileSuspended.body as MyDataExport).memberships).toEqual([
      expect.objectContaining({ alias: 'Verre Meeuw', status: 'active', suspendedUntil: expect.any(String) }),
    ]);
    expect((whileSuspended.body as MyDataExport).threads).toEqual([expect.objectContaining({ body: own })]);

    await answer(
      inGroup(moderator, home.slug).post('/moderation/actions', {
        action: 'remove',
        memberId: membership.memberId,
        reason: 'Herhaaldelijk grensoverschrijdend.',
      }),
    );

    const response = await exportOf(member);
    expect(response.status).toBe(200);
    const data = response.body as MyDataExport;
    expect(data.memberships).toEqual([expect.objectContaining({ alias: 'Verre Meeuw', status: 'removed' })]);
    expect(data.threads).toEqual([expect.objectContaining({ title: 'Afscheid', body: own })]);
    // The moderator's reason is their words, not the member's.
    expect(JSON.stringify(data)).not.toContain('grensoverschrijdend');
    expect(JSON.stringify(data)).not.toContain('afkoelen');
  });

  it('has none of the words a member erased on leaving, and nothing at all once the account is deleted', async () => {
    const member = await registerMember(app);
    await joinGroup(app, member, other.slug, { alias: 'Korte Wijlen' });
    const gone = `Liever weg ${word()}`;
    await answer(inGroup(member, other.slug).post('/threads', { title: 'Weg ermee', body: gone }));
    const socket = await connectChat(app, member);
    await joinRoom(socket, { group: other.slug });
    await sendMessage(socket, { group: other.slug }, gone);
    await answer(inGroup(member, other.slug).post('/leave', { erase: true }), 204);

    const afterErase = await exportOf(member);
    expect(afterErase.status).toBe(200);
    const data = afterErase.body as MyDataExport;
    expect(data.memberships).toEqual([expect.objectContaining({ alias: 'Korte Wijlen', status: 'left' })]);
    expect(data.threads).toEqual([]);
    expect(data.chatMessages).toEqual([]);
    expect(JSON.stringify(data)).not.toContain(gone);

    const deleted = await app.http
      .delete('/api/me')
      .set('Authorization', member.bearer)
      .send({ password: member.password });
    expect(deleted.status).toBe(204);
    expectError(await exportOf(member), 401, 'unauthorized');
  });

  it('has a decision in the data inventory for every column of members’ words', () => {
    const inventory = readFileSync(new URL('../docs/data-inventory.md', import.meta.url), 'utf8');
    const section = (heading: string) => {
      const start = inventory.indexOf(`\n## ${heading}\n`);
      expect({ heading, found: start >= 0 }).toEqual({ heading, found: true });
      const end = inventory.indexOf('\n## ', start + 1);
      return inventory.slice(start, end < 0 ? undefined : end);
    };
    const memberWords = [...section('Members’ words').matchAll(/^\|\s*`([a-z_]+\.[a-z_]+)`\s*\|/gm)].map((m) => m[1]);
    const decided = [...section('In a member’s own export').matchAll(/^- `([a-z_]+\.[a-z_]+)`: \S/gm)].map((m) => m[1]);
    expect(memberWords.length).toBeGreaterThan(5);
    // A new table of members' words is not finished until someone decides whether its owner gets it.
    expect(memberWords.filter((column) => !decided.includes(column))).toEqual([]);
  });
});
