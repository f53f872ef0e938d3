import { z } from 'zod';
import type { CrisisStatus } from './crisis.js';
import type { CrisisHelp } from './forums.js';
import { text } from './text.js';

/**
 * Hosts (gastvrouwen en gastheren): members of a group who volunteered to answer a newcomer's one
 * private question. The host sees the question under a guest label of this group ("Bezoeker 3")
 * or the asker's alias in this group, never anything that ties it to the account or to an alias
 * elsewhere. Shared by the server and the browser client.
 */

export const HOST_QUESTION_MAX = 1000;
export const HOST_ANSWER_MAX = 2000;

/** A newcomer's one question to the group's hosts. */
export const askHostSchema = z.strictObject({
  question: text({ min: 5, max: HOST_QUESTION_MAX, multiline: true, tooShort: 'Use at least 5 characters.' }),
});
export type AskHostRequest = z.infer<typeof askHostSchema>;

/** A host answers a question of their group. */
export const answerHostQuestionSchema = z.strictObject({
  answer: text({ min: 2, max: HOST_ANSWER_MAX, multiline: true, tooShort: 'Use at least 2 characters.' }),
});
export type AnswerHostQuestionRequest = z.infer<typeof answerHostQuestionSchema>;

/** A moderator removes a host (audited, with the reason). */
export const removeHostSchema = z.strictObject({
  reason: text({ min: 3, max: 500, multiline: true, tooShort: 'Use at least 3 characters.' }),
});
export type RemoveHostRequest = z.infer<typeof removeHostSchema>;

/** Who asked, as a host of the group sees it: a numbered guest of this group, or their alias in it. */
export type HostAsker = { kind: 'guest'; number: number } | { kind: 'member'; alias: string };

/** The asker's own question and, once given, the answer. */
export interface MyHostQuestion {
  question: string;
  askedAt: string;
  answer: string | null;
  /** The answering host's alias in this group. */
  answeredBy: string | null;
  answeredAt: string | null;
}

/** What a signed-in visitor may do on a group's "ask a host" panel. */
export interface HostAskStatus {
  /** How many hosts the group has (a count only). */
  hosts: number;
  /** `newcomer`: may ask; `asked`: asked already (see `question`); `not_newcomer`: a member past the first weeks, or a host. */
  state: 'newcomer' | 'asked' | 'not_newcomer';
  question: MyHostQuestion | null;
}

/** A question in a host's inbox. */
export interface HostQuestionView {
  id: string;
  asker: HostAsker;
  question: string;
  askedAt: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  /**
   * The question reads as crisis language (as the safety screen decides): the asker was shown the
   * crisis lines when they sent it. The host answers with care; a guest's question reached nobody
   * but the hosts.
   */
  possibleCrisis: boolean;
}

/**
 * Told to the writer of a question or an answer at once, in the response, when their words signal
 * crisis (as after a forum post); never to anyone else.
 */
export interface HostCrisisNote {
  /** Their words signal crisis: show these lines now. */
  crisis?: CrisisHelp;
  /**
   * With `crisis`, when the writer is a member of the group: the crisis case raised for them and who
   * knows about it right now (updated live by the `crisis:status` socket event). A guest's words
   * raise no case: no status, and nobody is said to know.
   */
  crisisStatus?: CrisisStatus;
}

/** The answer to `POST /groups/:slug/hosts/ask`. */
export type AskedHostQuestion = MyHostQuestion & HostCrisisNote;

/** The answer to `POST /groups/:slug/hosts/questions/:id/answer`. */
export type AnsweredHostQuestion = HostQuestionView & HostCrisisNote;

/** The hosts of a group as its members see them, and whether the reader is one. */
export interface HostsView {
  hosts: { memberId: string; alias: string; since: string }[];
  me: boolean;
  /** Whether the reader may remove a host (a moderator of the group). */
  canRemove: boolean;
}
