import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { MyDataExport } from '../contracts/exports.js';
import { EXPORT_PAGE_CSP, escapeHtml, renderExportPage } from './export-page.js';

const ATTACK = `</td><script>alert(1)</script><img src=x onerror="alert(2)"> & '`;
const place = { group: { slug: 'rouw', name: ATTACK }, alias: ATTACK };
const at = '2026-12-06T08:00:00.000Z';
const state = { editedAt: at, deletedAt: null, hiddenByModerator: false, heldForReview: true };

/** An export in which every text a member (or an admin, for a group's name) could have typed is an attack. */
const hostile: MyDataExport = {
  format: 'kring-export',
  version: 1,
  exportedAt: at,
  account: { loginName: 'quiet.heron', role: 'member', createdAt: at },
  memberships: [
    {
      ...place,
      status: 'active',
      role: 'member',
      joinedAt: at,
      leftAt: null,
      pledgeVersion: 1,
      pledgeAcceptedAt: at,
      mutedUntil: null,
      suspendedUntil: null,
    },
  ],
  threads: [{ ...place, ...state, id: 'thread-1', title: ATTACK, contentWarning: ATTACK, body: ATTACK, createdAt: at }],
  posts: [
    { ...place, ...state, id: 'post-1', threadId: 'thread-2', contentWarning: ATTACK, body: ATTACK, createdAt: at },
  ],
  revisions: [
    {
      ...place,
      postId: 'post-0',
      threadId: 'thread-1',
      title: ATTACK,
      contentWarning: ATTACK,
      body: ATTACK,
      writtenAt: at,
      replacedAt: at,
    },
  ],
  chatMessages: [
    {
      ...place,
      id: 'message-1',
      room: 'session',
      session: ATTACK,
      sentAt: at,
      contentWarning: ATTACK,
      body: ATTACK,
      hiddenByModerator: true,
      heldForReview: false,
    },
  ],
  reactions: [{ ...place, kind: 'recognise', threadId: 'thread-2', postId: 'post-2', createdAt: at }],
  readMarkers: [{ ...place, threadId: 'thread-2', lastReadSeq: 3, readAt: at }],
  buddyOffers: [{ ...place, capacity: 2, paused: false, createdAt: at }],
  buddyPairs: [
    { ...place, role: 'buddy', status: 'active', otherAlias: ATTACK, requestedAt: at, decidedAt: at, endedAt: null },
  ],
  buddyBlocks: [{ ...place, createdAt: at }],
  mutes: [{ ...place, mutedAlias: ATTACK, createdAt: at }],
  sessionSignups: [{ ...place, session: ATTACK, startsAt: at, endsAt: at, facilitator: false, signedUpAt: at }],
  supportChats: [{ ...place, volunteer: 'moderator', status: 'closed', offeredAt: at, decidedAt: at, closedAt: at }],
  reports: [{ ...place, targetKind: 'post', targetId: 'post-2', reason: 'other', note: ATTACK, createdAt: at }],
  crisisAsks: [{ ...place, note: ATTACK, askedAt: at }],
  hostQuestions: [
    { group: { slug: 'g', name: 'Groep' }, askedAs: 'guest', question: ATTACK, askedAt: at, answered: false },
  ],
  hostAnswers: [{ ...place, answer: ATTACK, answeredAt: at }],
  appeals: [{ ...place, action: 'warn', text: ATTACK, status: 'open', createdAt: at, decidedAt: null }],
  moderatorApplications: [{ ...place, motivation: ATTACK, status: 'open', createdAt: at, decidedAt: null }],
  ruleProposals: [
    { ...place, field: 'pledge', text: ATTACK, note: ATTACK, status: 'open', createdAt: at, decidedAt: null },
  ],
  groupProposals: [
    {
      name: ATTACK,
      purpose: ATTACK,
      audience: 'peers',
      locale: 'nl',
      moderate: true,
      alias: ATTACK,
      status: 'approved',
      group: { slug: 'nieuw', name: ATTACK },
      createdAt: at,
      decidedAt: at,
    },
  ],
  notificationSettings: [{ kind: 'reply', enabled: false }],
  pushDevices: [{ language: 'nl', createdAt: at }],
  contentPreferences: [{ foldWarned: true, hiddenWords: [ATTACK] }],
};

describe('the export page', () => {
  it('writes every text as text: no tag, attribute or entity of a member gets through', () => {
    for (const lang of ['nl', 'en'] as const) {
      const page = renderExportPage(hostile, lang);
      expect(page).not.toMatch(/<script|<img|<\/td><script/i);
      // Every text field of the export is on the page, escaped: none is dropped, none is raw.
      const fields = JSON.stringify(hostile).split(JSON.stringify(ATTACK).slice(1, -1)).length - 1;
      expect(fields).toBe(65);
      expect(page.split(escapeHtml(ATTACK)).length - 1).toBe(fields);
    }
  });

  it('is allowed its own style sheet by the policy, and nothing else', () => {
    const page = renderExportPage(hostile, 'en');
    const style = /<style>([^<]*)<\/style>/.exec(page)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(EXPORT_PAGE_CSP).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox`,
    );
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-${hash}&#39;;`,
    );
  });
});
