import type {
  ExportAppeal,
  ExportBuddyBlock,
  ExportBuddyOffer,
  ExportBuddyPair,
  ExportChatMessage,
  ExportContentPreferences,
  ExportMembership,
  ExportGroupProposal,
  ExportModeratorApplication,
  ExportMute,
  ExportNotificationSetting,
  ExportPlace,
  ExportPost,
  ExportPushDevice,
  ExportReaction,
  ExportReadMarker,
  ExportCrisisAsk,
  ExportHostAnswer,
  ExportHostQuestion,
  ExportReport,
  ExportRuleProposal,
  ExportRevision,
  ExportSessionSignup,
  ExportSupportChat,
  ExportThread,
  MyDataExport,
} from '../contracts/exports.js';
import { NOTIFICATION_KINDS } from '../contracts/notifications.js';

/** One row as the driver returns it. */
export type Row = Record<string, unknown>;

/** Runs one statement with the account id as `$1`. */
export type AccountQuery = (sql: string) => Promise<Row[]>;

/** Everything in an export but the account itself and the file's own header. */
export type OwnData = Omit<MyDataExport, 'format' | 'version' | 'exportedAt' | 'account'>;

/**
 * Reads every section of the account's own data, one statement each (in the caller's transaction).
 * Each statement starts from the account's own memberships (`m.account_id = $1`): nothing reaches
 * another member's row but where a comment says which column of it, and why.
 */
export async function readOwnData(query: AccountQuery): Promise<OwnData> {
  return {
    memberships: (await query(MEMBERSHIPS)).map(toMembership),
    threads: (await query(THREADS)).map(toThread),
    posts: (await query(POSTS)).map(toPost),
    revisions: (await query(REVISIONS)).map(toRevision),
    chatMessages: (await query(CHAT_MESSAGES)).map(toChatMessage),
    reactions: (await query(REACTIONS)).map(toReaction),
    readMarkers: (await query(READ_MARKERS)).map(toReadMarker),
    buddyOffers: (await query(BUDDY_OFFERS)).map(toBuddyOffer),
    buddyPairs: (await query(BUDDY_PAIRS)).map(toBuddyPair),
    buddyBlocks: (await query(BUDDY_BLOCKS)).map(toBuddyBlock),
    mutes: (await query(MUTES)).map(toMute),
    sessionSignups: (await query(SESSION_SIGNUPS)).map(toSessionSignup),
    supportChats: (await query(SUPPORT_CHATS)).map(toSupportChat),
    reports: (await query(REPORTS)).map(toReport),
    crisisAsks: (await query(CRISIS_ASKS)).map(toCrisisAsk),
    hostQuestions: (await query(HOST_QUESTIONS)).map(toHostQuestion),
    hostAnswers: (await query(HOST_ANSWERS)).map(toHostAnswer),
    appeals: (await query(APPEALS)).map(toAppeal),
    moderatorApplications: (await query(MODERATOR_APPLICATIONS)).map(toModeratorApplication),
    ruleProposals: (await query(RULE_PROPOSALS)).map(toRuleProposal),
    groupProposals: (await query(GROUP_PROPOSALS)).map(toGroupProposal),
    notificationSettings: notificationSettings(await query(NOTIFICATION_SETTINGS)),
    pushDevices: (await query(PUSH_DEVICES)).map(toPushDevice),
    contentPreferences: (await query(CONTENT_PREFERENCES)).map(toContentPreferences),
  };
}

/** The place columns every query below selects: the group and the member's own alias. */
const PLACE = `g.slug AS group_slug, g.name AS group_name, m.alias AS alias`;
const MINE = `JOIN support_group g ON g.id = m.group_id`;

function place(row: Row): ExportPlace {
  return { group: { slug: String(row.group_slug), name: String(row.group_name) }, alias: String(row.alias) };
}

export function iso(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function itemState(row: Row) {
  return {
    editedAt: isoOrNull(row.edited_at),
    deletedAt: isoOrNull(row.deleted_at),
    hiddenByModerator: row.hidden_at !== null,
    heldForReview: row.held_at !== null,
  };
}

const MEMBERSHIPS = `
  SELECT ${PLACE}, m.status, m.role, m.joined_at, m.left_at, m.pledge_version, m.pledge_accepted_at,
         m.muted_until, m.suspended_until
    FROM membership m ${MINE}
   WHERE m.account_id = $1
   ORDER BY m.joined_at, g.slug`;

function toMembership(row: Row): ExportMembership {
  return {
    ...place(row),
    status: row.status as ExportMembership['status'],
    role: row.role === 'moderator' ? 'moderator' : 'member',
    joinedAt: iso(row.joined_at),
    leftAt: isoOrNull(row.left_at),
    pledgeVersion: Number(row.pledge_version),
    pledgeAcceptedAt: iso(row.pledge_accepted_at),
    mutedUntil: isoOrNull(row.muted_until),
    suspendedUntil: isoOrNull(row.suspended_until),
  };
}

const THREADS = `
  SELECT ${PLACE}, t.id, t.title, t.content_warning, p.body, t.created_at, t.edited_at, t.deleted_at,
         t.hidden_at, t.held_at
    FROM forum_thread t
    JOIN forum_post p ON p.thread_id = t.id AND p.seq = 0
    JOIN membership m ON m.id = t.author_id ${MINE}
   WHERE m.account_id = $1 AND t.purged_at IS NULL
   ORDER BY t.created_at, t.id`;

function toThread(row: Row): ExportThread {
  return {
    ...place(row),
    id: String(row.id),
    title: String(row.title),
    contentWarning: textOrNull(row.content_warning),
    body: String(row.body),
    createdAt: iso(row.created_at),
    ...itemState(row),
  };
}

const POSTS = `
  SELECT ${PLACE}, p.id, p.thread_id, p.content_warning, p.body, p.created_at, p.edited_at, p.deleted_at, p.hidden_at, p.held_at
    FROM forum_post p
    JOIN membership m ON m.id = p.author_id ${MINE}
   WHERE m.account_id = $1 AND p.seq > 0 AND p.purged_at IS NULL
   ORDER BY p.created_at, p.id`;

function toPost(row: Row): ExportPost {
  return {
    ...place(row),
    id: String(row.id),
    threadId: String(row.thread_id),
    contentWarning: textOrNull(row.content_warning),
    body: String(row.body),
    createdAt: iso(row.created_at),
    ...itemState(row),
  };
}

const REVISIONS = `
  SELECT ${PLACE}, r.post_id, p.thread_id, r.title, r.content_warning, r.body, r.written_at, r.replaced_at
    FROM forum_revision r
    JOIN forum_post p ON p.id = r.post_id
    JOIN membership m ON m.id = p.author_id ${MINE}
   WHERE m.account_id = $1 AND p.purged_at IS NULL
   ORDER BY r.replaced_at, r.id`;

function toRevision(row: Row): ExportRevision {
  return {
    ...place(row),
    postId: String(row.post_id),
    threadId: String(row.thread_id),
    title: textOrNull(row.title),
    contentWarning: textOrNull(row.content_warning),
    body: String(row.body),
    writtenAt: iso(row.written_at),
    replacedAt: iso(row.replaced_at),
  };
}

const CHAT_MESSAGES = `
  SELECT ${PLACE}, c.id, r.kind, s.title AS session_title, c.created_at, c.content_warning, c.body, c.hidden_at, c.held_at
    FROM chat_message c
    JOIN chat_room r ON r.id = c.room_id
    LEFT JOIN chat_session s ON s.room_id = r.id
    JOIN membership m ON m.id = c.membership_id ${MINE}
   WHERE m.account_id = $1
   ORDER BY c.created_at, c.id`;

function toChatMessage(row: Row): ExportChatMessage {
  return {
    ...place(row),
    id: String(row.id),
    room: row.kind as ExportChatMessage['room'],
    session: textOrNull(row.session_title),
    sentAt: iso(row.created_at),
    contentWarning: textOrNull(row.content_warning),
    body: String(row.body),
    hiddenByModerator: row.hidden_at !== null,
    heldForReview: row.held_at !== null,
  };
}

const REACTIONS = `
  SELECT ${PLACE}, fr.kind, p.thread_id, fr.post_id, fr.created_at
    FROM forum_reaction fr
    JOIN forum_post p ON p.id = fr.post_id
    JOIN membership m ON m.id = fr.member_id ${MINE}
   WHERE m.account_id = $1
   ORDER BY fr.created_at, fr.post_id, fr.kind`;

function toReaction(row: Row): ExportReaction {
  return {
    ...place(row),
    kind: row.kind as ExportReaction['kind'],
    threadId: String(row.thread_id),
    postId: String(row.post_id),
    createdAt: iso(row.created_at),
  };
}

const READ_MARKERS = `
  SELECT ${PLACE}, rm.thread_id, rm.last_read_seq, rm.read_at
    FROM forum_read_marker rm
    JOIN membership m ON m.id = rm.member_id ${MINE}
   WHERE m.account_id = $1
   ORDER BY rm.read_at, rm.thread_id`;

function toReadMarker(row: Row): ExportReadMarker {
  return {
    ...place(row),
    threadId: String(row.thread_id),
    lastReadSeq: Number(row.last_read_seq),
    readAt: iso(row.read_at),
  };
}

const BUDDY_OFFERS = `
  SELECT ${PLACE}, o.capacity, o.paused, o.created_at
    FROM buddy_offer o
    JOIN membership m ON m.id = o.membership_id ${MINE}
   WHERE m.account_id = $1
   ORDER BY o.created_at`;

function toBuddyOffer(row: Row): ExportBuddyOffer {
  return { ...place(row), capacity: Number(row.capacity), paused: row.paused === true, createdAt: iso(row.created_at) };
}

// The other side's alias as the buddy page shows it: only an open pair, only to an active member.
const BUDDY_PAIRS = `
  SELECT ${PLACE}, bp.status, bp.requested_at, bp.decided_at, bp.ended_at,
         (bp.buddy_membership_id = m.id) AS as_buddy,
         CASE WHEN bp.status IN ('requested', 'active') AND m.status = 'active' THEN o.alias END AS other_alias
    FROM buddy_pair bp
    JOIN membership m ON m.id IN (bp.buddy_membership_id, bp.newcomer_membership_id) ${MINE}
    JOIN membership o ON o.id = CASE WHEN bp.buddy_membership_id = m.id
                                     THEN bp.newcomer_membership_id ELSE bp.buddy_membership_id END
   WHERE m.account_id = $1
   ORDER BY bp.requested_at, bp.id`;

function toBuddyPair(row: Row): ExportBuddyPair {
  return {
    ...place(row),
    role: row.as_buddy === true ? 'buddy' : 'newcomer',
    status: row.status as ExportBuddyPair['status'],
    otherAlias: textOrNull(row.other_alias),
    requestedAt: iso(row.requested_at),
    decidedAt: isoOrNull(row.decided_at),
    endedAt: isoOrNull(row.ended_at),
  };
}

const BUDDY_BLOCKS = `
  SELECT ${PLACE}, b.created_at
    FROM buddy_block b
    JOIN membership m ON m.id = b.membership_id ${MINE}
   WHERE m.account_id = $1
   ORDER BY b.created_at`;

function toBuddyBlock(row: Row): ExportBuddyBlock {
  return { ...place(row), createdAt: iso(row.created_at) };
}

// The muted alias as the group's mute list shows it: only to an active member.
const MUTES = `
  SELECT ${PLACE}, mm.created_at, CASE WHEN m.status = 'active' THEN o.alias END AS muted_alias
    FROM member_mute mm
    JOIN membership m ON m.id = mm.membership_id ${MINE}
    JOIN membership o ON o.id = mm.muted_membership_id
   WHERE m.account_id = $1
   ORDER BY mm.created_at`;

function toMute(row: Row): ExportMute {
  return { ...place(row), mutedAlias: textOrNull(row.muted_alias), createdAt: iso(row.created_at) };
}

const SESSION_SIGNUPS = `
  SELECT ${PLACE}, s.title, s.starts_at, s.ends_at, (s.facilitator_membership_id = m.id) AS facilitator,
         su.created_at
    FROM chat_session_signup su
    JOIN chat_session s ON s.id = su.session_id
    JOIN membership m ON m.id = su.membership_id ${MINE}
   WHERE m.account_id = $1
   ORDER BY s.starts_at, s.id`;

function toSessionSignup(row: Row): ExportSessionSignup {
  return {
    ...place(row),
    session: String(row.title),
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    facilitator: row.facilitator === true,
    signedUpAt: iso(row.created_at),
  };
}

const SUPPORT_CHATS = `
  SELECT ${PLACE}, sc.volunteer_badge, sc.status, sc.offered_at, sc.decided_at, sc.closed_at
    FROM support_chat sc
    JOIN membership m ON m.id = sc.member_membership_id ${MINE}
   WHERE m.account_id = $1
   ORDER BY sc.offered_at, sc.id`;

function toSupportChat(row: Row): ExportSupportChat {
  return {
    ...place(row),
    volunteer: row.volunteer_badge as ExportSupportChat['volunteer'],
    status: row.status as ExportSupportChat['status'],
    offeredAt: iso(row.offered_at),
    decidedAt: isoOrNull(row.decided_at),
    closedAt: isoOrNull(row.closed_at),
  };
}

const CRISIS_ASKS = `
  SELECT ${PLACE}, a.note, a.created_at
    FROM crisis_ask a
    JOIN moderation_case c ON c.id = a.case_id
    JOIN membership m ON m.id = c.subject_membership_id ${MINE}
   WHERE m.account_id = $1
   ORDER BY a.created_at, a.case_id`;

function toCrisisAsk(row: Row): ExportCrisisAsk {
  return { ...place(row), note: textOrNull(row.note), askedAt: iso(row.created_at) };
}

const REPORTS = `
  SELECT ${PLACE}, r.target_kind, r.target_id, r.reason, r.note, r.created_at
    FROM report r
    JOIN membership m ON m.id = r.reporter_membership_id ${MINE}
   WHERE m.account_id = $1
   ORDER BY r.created_at, r.id`;

function toReport(row: Row): ExportReport {
  return {
    ...place(row),
    targetKind: row.target_kind as ExportReport['targetKind'],
    targetId: String(row.target_id),
    reason: row.reason as ExportReport['reason'],
    note: textOrNull(row.note),
    createdAt: iso(row.created_at),
  };
}

const APPEALS = `
  SELECT ${PLACE}, a.action, ap.text, ap.status, ap.created_at, ap.decided_at
    FROM appeal ap
    JOIN moderation_action a ON a.id = ap.action_id
    JOIN membership m ON m.id = ap.membership_id ${MINE}
   WHERE m.account_id = $1
   ORDER BY ap.created_at, ap.id`;

function toAppeal(row: Row): ExportAppeal {
  return {
    ...place(row),
    action: String(row.action),
    text: String(row.text),
    status: row.status as ExportAppeal['status'],
    createdAt: iso(row.created_at),
    decidedAt: isoOrNull(row.decided_at),
  };
}

const MODERATOR_APPLICATIONS = `
  SELECT ${PLACE}, ma.motivation, ma.status, ma.created_at, ma.decided_at
    FROM moderator_application ma
    JOIN membership m ON m.id = ma.membership_id ${MINE}
   WHERE m.account_id = $1
   ORDER BY ma.created_at, ma.id`;

function toModeratorApplication(row: Row): ExportModeratorApplication {
  return {
    ...place(row),
    motivation: String(row.motivation),
    status: row.status as ExportModeratorApplication['status'],
    createdAt: iso(row.created_at),
    decidedAt: isoOrNull(row.decided_at),
  };
}

const RULE_PROPOSALS = `
  SELECT ${PLACE}, rp.field, rp.text, rp.note, rp.status, rp.created_at, rp.decided_at
    FROM rule_proposal rp
    JOIN membership m ON m.id = rp.membership_id ${MINE}
   WHERE m.account_id = $1
   ORDER BY rp.created_at, rp.id`;

function toRuleProposal(row: Row): ExportRuleProposal {
  return {
    ...place(row),
    field: row.field as ExportRuleProposal['field'],
    text: String(row.text),
    note: textOrNull(row.note),
    status: row.status as ExportRuleProposal['status'],
    createdAt: iso(row.created_at),
    decidedAt: isoOrNull(row.decided_at),
  };
}

// The proposer's own account, not a membership: a proposal comes before any group.
const GROUP_PROPOSALS = `
  SELECT gp.name, gp.purpose, gp.audience, gp.locale, gp.moderate, gp.alias, gp.status, gp.created_at,
         gp.decided_at, g.slug AS group_slug, g.name AS group_name
    FROM group_proposal gp
    LEFT JOIN support_group g ON g.id = gp.group_id
   WHERE gp.proposer_account_id = $1
   ORDER BY gp.created_at, gp.id`;

function toGroupProposal(row: Row): ExportGroupProposal {
  return {
    name: String(row.name),
    purpose: String(row.purpose),
    audience: row.audience as ExportGroupProposal['audience'],
    locale: row.locale as ExportGroupProposal['locale'],
    moderate: row.moderate === true,
    alias: textOrNull(row.alias),
    status: row.status as ExportGroupProposal['status'],
    group: typeof row.group_slug === 'string' ? { slug: row.group_slug, name: String(row.group_name) } : null,
    createdAt: iso(row.created_at),
    decidedAt: isoOrNull(row.decided_at),
  };
}

// The account's own questions, by account: one asked as a guest has no membership of theirs.
const HOST_QUESTIONS = `
  SELECT g.slug AS group_slug, g.name AS group_name, q.membership_id IS NOT NULL AS as_member, q.question,
         q.created_at, q.answer IS NOT NULL AS answered
    FROM host_question q
    JOIN support_group g ON g.id = q.group_id
   WHERE q.account_id = $1
   ORDER BY q.created_at, q.id`;

function toHostQuestion(row: Row): ExportHostQuestion {
  return {
    group: { slug: String(row.group_slug), name: String(row.group_name) },
    askedAs: row.as_member === true ? 'member' : 'guest',
    question: String(row.question),
    askedAt: iso(row.created_at),
    answered: row.answered === true,
  };
}

// The answers the member wrote as host: `host_question.answer` only, never the question (the asker's words).
const HOST_ANSWERS = `
  SELECT ${PLACE}, q.answer, q.answered_at
    FROM membership m ${MINE}
    JOIN host_question q ON q.answered_by_membership_id = m.id
   WHERE m.account_id = $1 AND q.answer IS NOT NULL
   ORDER BY q.answered_at, q.id`;

function toHostAnswer(row: Row): ExportHostAnswer {
  return { ...place(row), answer: String(row.answer), answeredAt: iso(row.answered_at) };
}

const NOTIFICATION_SETTINGS = `SELECT kind, enabled FROM notification_setting WHERE account_id = $1`;

/** Every kind, as the settings page shows it: a kind without a row is on. */
function notificationSettings(rows: Row[]): ExportNotificationSetting[] {
  const off = new Set(rows.filter((row) => row.enabled === false).map((row) => row.kind));
  return NOTIFICATION_KINDS.map((kind) => ({ kind, enabled: !off.has(kind) }));
}

// The device's push address and keys stay out: they are the device's secrets, not the member's words.
const PUSH_DEVICES = `SELECT language, created_at FROM push_subscription WHERE account_id = $1 ORDER BY created_at, id`;

function toPushDevice(row: Row): ExportPushDevice {
  return { language: row.language === 'nl' ? 'nl' : 'en', createdAt: iso(row.created_at) };
}

const CONTENT_PREFERENCES = `SELECT fold_warned, hidden_words FROM content_preference WHERE account_id = $1`;

function toContentPreferences(row: Row): ExportContentPreferences {
  const words = String(row.hidden_words);
  return { foldWarned: row.fold_warned === true, hiddenWords: words === '' ? [] : words.split('\n') };
}
