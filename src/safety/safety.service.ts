import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { GroupLocale } from '../contracts/groups.js';
import { CRISIS_LINES } from './crisis-lines.js';
import { CRISIS_PHRASES } from './crisis-phrases.js';
import { findIdentifyingDetails } from './privacy-guard.js';
import { blockedWord, identifyingDetails } from './safety.errors.js';
import { containsPhrase, foldText, PhraseList } from './text-matching.js';
import { WatchedWord } from './watched-word.entity.js';

const CRISIS = new PhraseList(CRISIS_PHRASES);

/** What screening decided about a text that may be published. */
export interface Screening {
  /** The text signals crisis: publish it, show its author the crisis lines, alert the moderators. */
  crisis: boolean;
  /** Store it but show it only after a moderator approves it. */
  hold: boolean;
  /** Why it is held (for the moderators' queue). */
  holdReasons: string[];
}

export interface ScreeningOptions {
  /** The author confirmed they want to post identifying details: hold instead of refusing. */
  insist?: boolean;
  /** The group holds the first posts of new members, and this is one of them. */
  newMemberHold?: boolean;
}

/**
 * Watched words, the privacy guard and crisis language, applied to everything members write
 * (threads, posts, chat messages) before it is stored.
 */
@Injectable()
export class SafetyService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Screens a text for a group. Throws `blocked_content` for a blocked word and
   * `identifying_details` for what looks like an email, phone number or address (unless the author
   * insists: then it is held). Crisis language never blocks: people in crisis are not silenced.
   */
  async screen(
    groupId: string,
    text: string,
    options: ScreeningOptions = {},
    manager?: EntityManager,
  ): Promise<Screening> {
    // Plain SQL: chat screens every message, and building this through the ORM cost more than running it.
    const words = await (manager ?? this.dataSource.manager).query<Pick<WatchedWord, 'phrase' | 'action'>[]>(
      'SELECT phrase, action FROM watched_word WHERE group_id = $1 OR group_id IS NULL',
      [groupId],
    );
    const folded = foldText(text);
    const matching = (action: WatchedWord['action']) =>
      words.filter((word) => word.action === action && containsPhrase(folded, word.phrase));
    if (matching('block').length > 0) {
      throw blockedWord();
    }
    const holdReasons: string[] = [];
    const details = findIdentifyingDetails(text);
    if (details.length > 0) {
      if (!options.insist) {
        throw identifyingDetails(details);
      }
      holdReasons.push(`identifying details (${details.join(', ')})`);
    }
    if (matching('hold').length > 0) {
      holdReasons.push('watched word');
    }
    if (options.newMemberHold) {
      holdReasons.push("new member's first posts");
    }
    const crisis = CRISIS.matches(folded) || matching('crisis').length > 0;
    return { crisis, hold: holdReasons.length > 0, holdReasons };
  }

  /** The crisis lines for a group's locale. */
  crisisLines(locale: GroupLocale) {
    return CRISIS_LINES[locale];
  }
}
