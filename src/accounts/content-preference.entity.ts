import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Account } from './account.entity.js';

/**
 * A member's own reading preferences (no row: the defaults). Kept per account, not per
 * membership: only the account holder ever reads them (through `/api/me`), they are never joined
 * with a group's content on the server and never sent to anyone else, so they link no aliases;
 * and a member who asks for "fold whatever mentions X" means it in every group and on every
 * device, not once per group. Deleted with the account (account purge `content-preferences`).
 */
@Entity({ name: 'content_preference' })
export class ContentPreference {
  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'pk_content_preference' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_content_preference_account' })
  account?: Account;

  /** Fold every text that carries a content warning until the member opens it (default); off: show it open under its warning. */
  @Column({ name: 'fold_warned', type: 'boolean', default: true })
  foldWarned: boolean;

  /** The member's hidden words, one per line (a word is one line of text: the contract refuses line breaks). */
  @Column({ name: 'hidden_words', type: 'text', default: '' })
  hiddenWords: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
