import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { ContentPreferences, ContentPreferencesRequest } from '../contracts/content-preferences.js';
import { AccountPurgeRegistry } from './account-purge.registry.js';
import { ContentPreference } from './content-preference.entity.js';

/** Warned text folded (the author asked readers to be protected), no hidden words. */
const DEFAULTS: ContentPreferences = { foldWarned: true, hiddenWords: [] };

/**
 * A member's own reading preferences (see ContentPreference for why per account). Only the account
 * holder reads or writes them; the client applies them when it renders, so the server never
 * filters anyone's words by them and no other member can learn them.
 */
@Injectable()
export class ContentPreferencesService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accountPurges: AccountPurgeRegistry,
  ) {}

  onModuleInit(): void {
    // The hidden words are the member's own words: gone with the account (the foreign key cascades too).
    this.accountPurges.register('content-preferences', async (manager, accountId) => {
      await manager.query('DELETE FROM content_preference WHERE account_id = $1', [accountId]);
    });
  }

  /** The member's preferences; the defaults (nothing folded, no hidden words) when never set. */
  async get(actor: Actor): Promise<ContentPreferences> {
    const row = await this.dataSource.getRepository(ContentPreference).findOneBy({ accountId: actor.accountId });
    return row ? toView(row) : { ...DEFAULTS, hiddenWords: [] };
  }

  /**
   * Replaces the member's preferences with these (the contract bounds count and length); the same
   * word given twice, in any case, is kept once, first spelling first. Returns what is stored now.
   */
  async set(actor: Actor, request: ContentPreferencesRequest): Promise<ContentPreferences> {
    const seen = new Set<string>();
    const words = request.hiddenWords.filter((word) => {
      const key = word.toLocaleLowerCase();
      if (seen.has(key)) {
        return false;
      }
      seen.add(key);
      return true;
    });
    await this.dataSource
      .getRepository(ContentPreference)
      .upsert({ accountId: actor.accountId, foldWarned: request.foldWarned, hiddenWords: words.join('\n') }, [
        'accountId',
      ]);
    return { foldWarned: request.foldWarned, hiddenWords: words };
  }
}

function toView(row: ContentPreference): ContentPreferences {
  return { foldWarned: row.foldWarned, hiddenWords: row.hiddenWords === '' ? [] : row.hiddenWords.split('\n') };
}
