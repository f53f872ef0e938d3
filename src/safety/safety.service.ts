import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { detectCrisis, isCrisisAlert, type CrisisAlert } from '../contracts/crisis-detector.js';
import type { GroupLocale } from '../contracts/groups.js';
import { DomainEvents } from '../events/domain-events.js';
import type { CrisisHelp } from '../contracts/forums.js';
import { crisisHelp } from './crisis-lines.js';
import { findIdentifyingDetails } from './privacy-guard.js';
import { blockedWord, identifyingDetails } from './safety.errors.js';
import { foldText, PhraseList } from './text-matching.js';
import { WatchedWord } from './watched-word.entity.js';

/**
 * How long a group's watched words are used without reading them again. A change on any process
 * is heard at once (a domain event, over Redis with several processes); this only bounds how long
 * a change missed while Redis was away goes unseen.
 */
const WATCHED_WORDS_TTL_MS = 30_000;

type Watched = Pick<WatchedWord, 'phrase' | 'action'>;
/** A group's watched words, folded once per action (chat screens every message against them). */
type WatchedLists = Record<WatchedWord['action'], PhraseList>;

function watchedLists(words: readonly Watched[]): WatchedLists {
  const list = (action: WatchedWord['action']) =>
    new PhraseList(words.filter((word) => word.action === action).map((word) => word.phrase));
  return { block: list('block'), hold: list('hold'), crisis: list('crisis') };
}

/** Why a text signals crisis: what the detector found, or a site or group watched word of action `crisis`. */
export type CrisisReason = CrisisAlert | 'watched_word';

/** What screening decided about a text that may be published. */
export interface Screening {
  /**
   * The text signals crisis (suicidal intent or self-harm, or a `crisis` watched word): publish it,
   * show its author the crisis lines, alert the moderators. A mention (someone else, the past, a
   * loss, a training) is not a crisis.
   */
  crisis: boolean;
  /** Why, when `crisis` (for the moderators' case). */
  crisisReason?: CrisisReason;
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
/** Crisis in a text: the detector's alert categories, else the group's and site's `crisis` watched words. */
function crisisIn(lists: WatchedLists, text: string, folded: string): Pick<Screening, 'crisis' | 'crisisReason'> {
  const detected = detectCrisis(text);
  const crisisReason: CrisisReason | undefined = isCrisisAlert(detected)
    ? detected
    : lists.crisis.matches(folded)
      ? 'watched_word'
      : undefined;
  return { crisis: crisisReason !== undefined, crisisReason };
}

@Injectable()
export class SafetyService implements OnModuleInit {
  private readonly watched = new Map<string, { lists: WatchedLists; until: number }>();
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
    const lists = await this.watchedWords(groupId, manager ?? this.dataSource.manager);
    const folded = foldText(text);
    if (lists.block.matches(folded)) {
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
    if (lists.hold.matches(folded)) {
      holdReasons.push('watched word');
    }
    if (options.newMemberHold) {
      holdReasons.push("new member's first posts");
    }
    return { ...crisisIn(lists, text, folded), hold: holdReasons.length > 0, holdReasons };
  }

  /**
   * `screen` for one field of a form (a proposal's text or note, a host question): a refusal names that
   * field, so the form can say which one.
   */
  async screenField(groupId: string, field: string, text: string, manager?: EntityManager): Promise<Screening> {
    try {
      return await this.screen(groupId, text, {}, manager);
    } catch (error) {
      if (error instanceof DomainError && error.details) {
        throw new DomainError(
          error.code,
          error.message,
          error.details.map((detail) => ({ ...detail, field })),
        );
      }
      throw error;
    }
  }

  /**
   * Crisis language only, for words that are never refused nor held (an appeal: a suspended
   * member's one voice left): the detector and the `crisis` watched words, as `screen` reads them.
   */
  async crisisSignal(
    groupId: string,
    text: string,
    manager?: EntityManager,
  ): Promise<Pick<Screening, 'crisis' | 'crisisReason'>> {
    return crisisIn(await this.watchedWords(groupId, manager ?? this.dataSource.manager), text, foldText(text));
  }

  /** The group's and the site-wide watched words (kept: chat screens every message). */
  private async watchedWords(groupId: string, manager: EntityManager): Promise<WatchedLists> {
    const kept = this.watched.get(groupId);
    if (kept && kept.until > Date.now()) {
      return kept.lists;
    }
    const generation = this.generation;
    const words = await manager.query<Watched[]>(
      'SELECT phrase, action FROM watched_word WHERE group_id = $1 OR group_id IS NULL',
      [groupId],
    );
    const lists = watchedLists(words);
    if (generation === this.generation) {
      this.watched.set(groupId, { lists, until: Date.now() + WATCHED_WORDS_TTL_MS });
    }
    return lists;
  }

  /** The crisis help for a group's locale: its lines, and the intro as a code for the reader's language. */
  crisisLines(locale: GroupLocale): CrisisHelp {
    return crisisHelp(locale);
  }
}
