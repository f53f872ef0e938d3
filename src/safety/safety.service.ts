import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { GroupLocale } from '../contracts/groups.js';
import { DomainEvents } from '../events/domain-events.js';
import { CRISIS_LINES } from './crisis-lines.js';
import { CRISIS_PHRASES } from './crisis-phrases.js';
import { findIdentifyingDetails } from './privacy-guard.js';
import { blockedWord, identifyingDetails } from './safety.errors.js';
import { containsPhrase, foldText, PhraseList } from './text-matching.js';
import { WatchedWord } from './watched-word.entity.js';

const CRISIS = new PhraseList(CRISIS_PHRASES);
/**
 * How long a group's watched words are used without reading them again. A change on any process
 * is heard at once (a domain event, over Redis with several processes); this only bounds how long
 * a change missed while Redis was away goes unseen.
 */
const WATCHED_WORDS_TTL_MS = 30_000;

type Watched = Pick<WatchedWord, 'phrase' | 'action'>;

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
export class SafetyService implements OnModuleInit {
  private readonly watched = new Map<string, { words: Watched[]; until: number }>();
  /** Bumped on every change, so a read that started before one is not kept. */
  private generation = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('safety.watched-words-changed', ({ groupId }) => {
      this.generation += 1;
      if (groupId === null) {
        this.watched.clear();
      } else {
        this.watched.delete(groupId);
      }
    });
  }

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
    const words = await this.watchedWords(groupId, manager ?? this.dataSource.manager);
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

  /** The group's and the site-wide watched words (kept: chat screens every message). */
  private async watchedWords(groupId: string, manager: EntityManager): Promise<Watched[]> {
    const kept = this.watched.get(groupId);
    if (kept && kept.until > Date.now()) {
      return kept.words;
    }
    const generation = this.generation;
    const words = await manager.query<Watched[]>(
      'SELECT phrase, action FROM watched_word WHERE group_id = $1 OR group_id IS NULL',
      [groupId],
    );
    if (generation === this.generation) {
      this.watched.set(groupId, { words, until: Date.now() + WATCHED_WORDS_TTL_MS });
    }
    return words;
  }

  /** The crisis lines for a group's locale. */
  crisisLines(locale: GroupLocale) {
    return CRISIS_LINES[locale];
  }
}
