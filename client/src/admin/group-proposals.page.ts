import { decideGroupProposalSchema, type GroupProposalView } from '../../../src/contracts/group-proposals.js';
import { h, tr, uid } from '../core/dom.js';
import { api } from '../core/http.js';
import type { Page } from '../core/router.js';
import { notice, para, view } from '../core/page.js';
import { isAdmin } from '../groups/frame.js';
import { decisionTools } from '../groups/decision.js';
import { CATEGORY_LABELS } from '../groups/group-info.js';
import { categoryField, proposalSummary } from '../groups/propose-group.page.js';
import { msg } from '../i18n/i18n.js';
import { adminsOnlyView } from './admin.page.js';

/** Members' proposals for new groups: approve (the group is made) or decline with a reason the member reads. */
function proposalItem(proposal: GroupProposalView): HTMLLIElement {
  const headingId = uid('group-proposal');
  const audience = proposal.audience === 'peers' ? 'groupProposals.audiencePeers' : 'groupProposals.audienceRelatives';
  const facts = [
    tr(audience),
    ' · ',
    proposal.locale.toUpperCase(),
    ' · ',
    tr(proposal.moderate ? 'groupProposals.wantsToModerate' : 'groupProposals.noModerator'),
    ' · ',
    tr(CATEGORY_LABELS[proposal.category]),
    ' · ',
  ].map((part) => (typeof part === 'string' ? document.createTextNode(part) : part));
  const [heading, factsLine, ...decided] = proposalSummary(proposal, headingId, facts);
  // The admin may put the new group under another category than the proposal's.
  const category = categoryField(proposal.category);
  return h(
    'li',
    { class: 'case', 'data-status': proposal.status },
    h(
      'article',
      { 'aria-labelledby': headingId },
      heading,
      factsLine,
      h('blockquote', { class: 'excerpt user-text' }, proposal.purpose),
      ...decided,
      proposal.status === 'open'
        ? decisionTools(
            `/api/admin/group-proposals/${proposal.id}/decision`,
            decideGroupProposalSchema,
            {
              reason: 'groupProposals.decisionReason',
              reasonNeeded: 'groupProposals.reasonNeeded',
              accept: 'groupProposals.approve',
              decline: 'groupProposals.decline',
              accepted: 'groupProposals.approved',
              declined: 'groupProposals.declined',
            },
            { root: category.root, onApprove: () => ({ category: category.input.value }) },
          )
        : null,
    ),
  );
}

export const adminGroupProposalsPage: Page = async ({ signal }) => {
  if (!isAdmin()) {
    return adminsOnlyView();
  }
  const proposals = await api.get<GroupProposalView[]>('/api/admin/group-proposals', { signal });
  return view('groupProposals.adminTitle', [
    para('groupProposals.adminIntro'),
    proposals.length ? h('ul', { class: 'queue' }, ...proposals.map(proposalItem)) : notice(msg('groupProposals.none')),
  ]);
};
