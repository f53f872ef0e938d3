import { describe, expect, it } from '@jest/globals';
import type { DirectoryEntry } from '../src/contracts/group-info.js';
import type { GroupProposalView } from '../src/contracts/group-proposals.js';
import { expectError } from './support/errors.js';
import { createGroup } from './support/groups.js';
import { appSuite } from './support/suite.js';

/** A proposed group lands in the directory under its category, not always under "psychological". */
describe('the directory category of a proposed group (issue 14)', () => {
  const { app, admin, as, memberOf } = appSuite();

  const proposal = (overrides: object = {}) => ({
    name: 'Naasten van mensen met een verslaving',
    purpose: 'Voor partners, ouders en kinderen van iemand met een verslaving, om samen te praten.',
    audience: 'relatives',
    locale: 'nl',
    ...overrides,
  });

  async function directory(query: string): Promise<string[]> {
    const response = await as(null, 'get', `/groups?${query}`);
    expect(response.status).toBe(200);
    return (response.body as DirectoryEntry[]).map((group) => group.name);
  }

  async function propose(body: object): Promise<GroupProposalView> {
    const group = await createGroup(app, admin);
    const { member } = await memberOf(group);
    const made = await as(member, 'post', '/group-proposals', body);
    expect(made.status).toBe(201);
    return made.body as GroupProposalView;
  }

  const approve = (id: string, body: object = {}) =>
    as(admin, 'post', `/admin/group-proposals/${id}/decision`, { approve: true, ...body });

  it("puts a relatives' group proposed without a category under relatives", async () => {
    const proposed = await propose(proposal());
    expect(proposed.category).toBe('relatives');
    const approved = await approve(proposed.id);
    expect(approved.status).toBe(200);
    expect((approved.body as GroupProposalView).category).toBe('relatives');
    expect(await directory('category=relatives')).toContain('Naasten van mensen met een verslaving');
    expect(await directory('category=psychological')).not.toContain('Naasten van mensen met een verslaving');
  });

  it("keeps the proposer's category, and lets the admin set another when approving", async () => {
    const chosen = await propose(proposal({ name: 'Stoppen met gokken', audience: 'peers', category: 'addiction' }));
    expect(chosen.category).toBe('addiction');
    const listed = (await as(admin, 'get', '/admin/group-proposals')).body as GroupProposalView[];
    expect(listed.find((item) => item.id === chosen.id)?.category).toBe('addiction');
    expect((await approve(chosen.id)).status).toBe(200);
    expect(await directory('category=addiction')).toContain('Stoppen met gokken');

    const changed = await propose(proposal({ name: 'Alleenstaande ouders', audience: 'peers' }));
    expect(changed.category).toBe('psychological');
    expectError(await approve(changed.id, { category: 'nonsense' }), 400, 'validation_failed');
    expect((await approve(changed.id, { category: 'social' })).status).toBe(200);
    expect(await directory('category=social')).toContain('Alleenstaande ouders');
    expect(await directory('category=psychological')).not.toContain('Alleenstaande ouders');
  });

  it('refuses a category the directory does not know', async () => {
    const group = await createGroup(app, admin);
    const { member } = await memberOf(group);
    expectError(
      await as(member, 'post', '/group-proposals', proposal({ category: 'other' })),
      400,
      'validation_failed',
    );
  });
});
