import { describe, expect, it } from '@jest/globals';
import type { ReferralCreated } from '../src/contracts/group-proposals.js';
import type { TestMember } from './support/accounts.js';
import { createGroup } from './support/groups.js';
import { appSuite } from './support/suite.js';
import type { TestApp } from './support/test-app.js';

/** A referral card's link and QR code are handed out on paper: they never follow a request's Host header. */
async function referralWithForgedHost(app: TestApp, admin: TestMember) {
  const group = await createGroup(app, admin, { kind: 'open', name: 'Angst en paniek' });
  const made = await app.http
    .post(`/api/groups/${group.slug}/referrals`)
    .set('Authorization', admin.bearer)
    .set('Host', 'evil.example')
    .set('X-Forwarded-Host', 'evil.example')
    .send({});
  expect(made.status).toBe(201);
  const card = await app.http
    .post(`/api/groups/${group.slug}/referrals/card`)
    .set('Authorization', admin.bearer)
    .set('Host', 'evil.example')
    .send({});
  expect(card.status).toBe(200);
  const svg = card.text || String(card.body);
  return { slug: group.slug, made: made.body as ReferralCreated, svg };
}

describe('referral links without PUBLIC_URL', () => {
  const { app, admin } = appSuite();

  it("print the server's own address, whatever Host the request names", async () => {
    const { slug, made, svg } = await referralWithForgedHost(app, admin);
    expect(made.link).toBe(`${app.baseUrl}/r/${made.code}`);
    expect(svg).toContain(`${app.baseUrl}/groups/${slug}`);
    expect(svg).not.toContain('evil.example');
  });
});

describe('referral links with PUBLIC_URL', () => {
  const { app, admin } = appSuite({ env: { PUBLIC_URL: 'https://kring.example/' } });

  it('print PUBLIC_URL, whatever Host the request names', async () => {
    const { slug, made, svg } = await referralWithForgedHost(app, admin);
    expect(made.link).toBe(`https://kring.example/r/${made.code}`);
    expect(svg).toContain(`https://kring.example/groups/${slug}`);
    expect(svg).not.toContain('evil.example');
  });
});
