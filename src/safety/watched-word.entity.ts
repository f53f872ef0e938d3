import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { WatchedWordAction } from '../contracts/moderation.js';
import { SupportGroup } from '../groups/group.entity.js';

/** A word or phrase moderators watch for, in one group or (no group) site-wide. */
@Entity({ name: 'watched_word' })
@Index('ix_watched_word_group', ['groupId'])
export class WatchedWord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_watched_word' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId: string | null;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_watched_word_group' })
  group?: SupportGroup;

  @Column({ type: 'varchar', length: 100 })
  phrase: string;

  @Column({ type: 'varchar', length: 8 })
  action: WatchedWordAction;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
