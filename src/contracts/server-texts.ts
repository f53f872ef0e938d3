/**
 * Every sentence the server writes for people to read — a notice to a member, the system's part of
 * an audit entry, a refusal shown to a member — as a code with named parameters. The server stores
 * and sends the code; the client says it in the reader's language (client/src/i18n/server-texts.*.ts,
 * whose spec walks this list both ways). What a moderator wrote themselves travels beside it, as
 * written, and is never translated.
 *
 * The value of each code lists its parameters' names: each one must appear as `{name}` in every
 * translation. A parameter holds a number, an id, a slug, a field name or a moderator's own word,
 * never a sentence in one language.
 */
export const SERVER_TEXTS = {
  // What a member is told about a moderator's action on them or their words; the reason follows.
  'notice.hide': [],
  'notice.restore': [],
  'notice.delete': [],
  'notice.lock': [],
  'notice.unlock': [],
  'notice.pin': [],
  'notice.unpin': [],
  'notice.warn': [],
  'notice.mute': ['minutes'],
  'notice.muteOne': [],
  'notice.unmute': [],
  'notice.suspend': ['days'],
  'notice.suspendOne': [],
  'notice.unsuspend': [],
  'notice.remove': [],
  'notice.reportHandled': [],
  'notice.worry': [],
  'notice.crisis': [],
  'notice.crisisAsk': [],
  // Crisis words read in an appeal, a proposal or a question to the hosts: no item a volunteer opens.
  'notice.crisisWords': [],
  // An appeal decided, by whom; the decider's reason follows.
  'notice.appealGranted.moderator': [],
  'notice.appealGranted.admin': [],
  'notice.appealGranted.responder': [],
  'notice.appealKept.moderator': [],
  'notice.appealKept.admin': [],
  'notice.appealKept.responder': [],
  // The caring sentence above the crisis lines (CrisisHelp.introText), in the reader's language.
  'crisis.help': [],

  // The system's part of a group's audit entry (moderation_action.reason_code).
  'audit.appointed': [],
  'audit.dismissed': [],
  'audit.applicationDeclined': [],
  'audit.firstModerator': [],
  'audit.steppedDown': [],
  'audit.paused': [],
  'audit.resumed': [],
  'audit.claimedCase': ['case'],
  'audit.support.offered.moderator': ['chat'],
  'audit.support.offered.crisis_responder': ['chat'],
  'audit.support.accepted': ['chat'],
  'audit.support.declined': ['chat'],
  'audit.support.closed.member': ['chat'],
  'audit.support.closed.moderator': ['chat'],
  'audit.support.closed.crisis_responder': ['chat'],
  'audit.word.block': ['phrase'],
  'audit.word.hold': ['phrase'],
  'audit.word.crisis': ['phrase'],
  'audit.groupFields': ['fields'],
  'audit.groupSettings': ['settings'],
  'audit.infoPage': ['fields'],
  'audit.pairedWith': ['group'],
  'audit.pairingEnded': [],
  'audit.referralCode': ['uses', 'days'],

  // The system's part of a crisis desk audit entry (crisis_audit.reason_code); site-wide words use audit.word.*.
  'crisisAudit.asked': [],
  'crisisAudit.contextOpened': [],
  'crisisAudit.claimed': [],
  'crisisAudit.released': [],
  'crisisAudit.autoReleased.responderBanned': [],
  'crisisAudit.autoReleased.responderRevoked': [],
  'crisisAudit.autoReleased.responderInactive': [],
  'crisisAudit.autoReleased.responderDeleted': [],
  'crisisAudit.autoReleased.moderatorBanned': [],
  'crisisAudit.autoReleased.moderatorNotMember': [],
  'crisisAudit.autoReleased.moderatorLeft': [],
  'crisisAudit.autoReleased.moderatorDismissed': [],
  'crisisAudit.autoReleased.moderatorSuspended': [],
  'crisisAudit.autoReleased.moderatorPaused': [],
  'crisisAudit.autoReleased.moderatorInactive': [],
  'crisisAudit.groupFromProposal': ['group'],
  'crisisAudit.offlineImported': ['created', 'updated', 'removed'],
  'crisisAudit.adminGranted': [],

  // A problem in an admin's CSV of offline groups: its row as a spreadsheet numbers it, and its column.
  'offlineCsv.notUtf8': [],
  'offlineCsv.unreadable': ['row'],
  'offlineCsv.empty': ['row'],
  'offlineCsv.noRows': ['row'],
  'offlineCsv.tooManyRows': ['row', 'max'],
  'offlineCsv.tooManyCells': ['row', 'cells', 'columns'],
  'offlineCsv.unknownColumn': ['row', 'column'],
  'offlineCsv.missingColumn': ['row', 'column'],
  'offlineCsv.fillIn': ['row', 'column'],
  'offlineCsv.plainText': ['row', 'column'],
  'offlineCsv.oneLine': ['row', 'column'],
  'offlineCsv.tooLong': ['row', 'column', 'max'],
  'offlineCsv.category': ['row', 'column'],
  'offlineCsv.audience': ['row', 'column'],
  'offlineCsv.language': ['row', 'column'],
  'offlineCsv.duplicate': ['row', 'column', 'first'],

  // Refusals shown to members and moderators (DomainError.said, FieldProblem.text); `message` keeps the English.
  'error.handled.case': [],
  'error.handled.caseHasSupport': [],
  'error.handled.isModerator': [],
  'error.handled.isNoModerator': [],
  'error.handled.youAreModerator': [],
  'error.handled.applicationWaiting': [],
  'error.handled.application': [],
  'error.handled.steppedDown': [],
  'error.handled.pause': [],
  'error.handled.return': [],
  'error.handled.entry': [],
  'error.handled.entryClaimedByModerator': [],
  'error.handled.entryClaimedByResponder': [],
  'error.handled.ban': [],
  'error.handled.itemHidden': [],
  'error.handled.itemDeleted': [],
  'error.handled.itemVisible': [],
  'error.handled.itemDeletedAlready': [],
  'error.handled.thread.lock': [],
  'error.handled.thread.unlock': [],
  'error.handled.thread.pin': [],
  'error.handled.thread.unpin': [],
  'error.handled.notMuted': [],
  'error.handled.notSuspended': [],
  'error.handled.removed': [],
  'error.handled.appealedBefore': [],
  'error.handled.appeal': [],
  'error.handled.isResponder': [],
  'error.handled.responderRevoked': [],
  'error.handled.proposalWaiting': [],
  'error.handled.proposal': [],
  'error.handled.crisisCaseTaken': [],
  'error.notAllowed.selfAction': [],
  'error.notAllowed.adminBan': [],
  'error.notAllowed.ownAction': [],
  'error.notAllowed.ownSanction': [],
  'error.notAllowed.appealNotForResponder': [],
  'error.notAllowed.notYourClaim': [],
  'error.notAllowed.adminsClaimAsResponders': [],
  'error.notAllowed.ownCrisisCase': [],
  'error.notAllowed.pausedModerator': [],
  'error.notAllowed.memberGone': [],
  'error.notAllowed.pushNeedsOwnDevice': [],
  'error.field.timePassed': [],
  'error.closedCohort.started': [],
} as const satisfies Record<string, readonly string[]>;

export type ServerTextCode = keyof typeof SERVER_TEXTS;

export const SERVER_TEXT_CODES = Object.keys(SERVER_TEXTS) as ServerTextCode[];

/** A server sentence on its way to a reader: the code and the values of its parameters. */
export interface ServerText {
  code: ServerTextCode;
  params?: Record<string, string | number>;
}

/** The parameters a code needs: none, or a value for each name the catalogue lists. */
export type ServerTextParams<C extends ServerTextCode> = (typeof SERVER_TEXTS)[C] extends readonly []
  ? []
  : [params: Record<(typeof SERVER_TEXTS)[C][number], string | number>];

/** Builds a `ServerText`, its parameters type-checked against the catalogue. */
export function serverText<C extends ServerTextCode>(code: C, ...params: ServerTextParams<C>): ServerText {
  return params[0] ? { code, params: params[0] } : { code };
}

export function isServerTextCode(value: unknown): value is ServerTextCode {
  return typeof value === 'string' && Object.hasOwn(SERVER_TEXTS, value);
}
