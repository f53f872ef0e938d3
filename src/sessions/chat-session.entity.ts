import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ChatRoom } from '../chat/chat-room.entity.js';
import { SupportGroup } from '../groups/group.entity.js';
import { Membership } from '../groups/membership.entity.js';
import type { SessionPhase } from '../contracts/chat.js';
import { SessionSeries } from './session-series.entity.js';

/** A scheduled live meeting of a group, led by a peer: its room is open from `starts_at` to `ends_at`. */
@Entity({ name: 'chat_session' })
@Index('ix_chat_session_group_starts', ['groupId', 'startsAt'])
@Index('uq_chat_session_room', ['roomId'], { unique: true })
@Index('ix_chat_session_series', ['seriesId'])
@Check('ck_chat_session_capacity', 'capacity BETWEEN 2 AND 20')
@Check('ck_chat_session_window', 'ends_at > starts_at')
export class ChatSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_chat_session' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_chat_session_group' })
  group?: SupportGroup;

  @Column({ name: 'room_id', type: 'uuid' })
  roomId: string;

  // Many-to-one with a named unique index: a one-to-one would add an unnamed constraint.
  @ManyToOne(() => ChatRoom, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'fk_chat_session_room' })
  room?: ChatRoom;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ name: 'facilitator_membership_id', type: 'uuid', nullable: true })
  facilitatorMembershipId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'facilitator_membership_id', foreignKeyConstraintName: 'fk_chat_session_facilitator' })
  facilitator?: Membership | null;

  /** Who has the word, when the facilitator handed it to someone; null: everybody may speak. */
  @Column({ name: 'floor_membership_id', type: 'uuid', nullable: true })
  floorMembershipId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'floor_membership_id', foreignKeyConstraintName: 'fk_chat_session_floor' })
  floor?: Membership | null;

  /** Set for a meeting of a series. */
  @Column({ name: 'series_id', type: 'uuid', nullable: true })
  seriesId: string | null;

  @ManyToOne(() => SessionSeries, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id', foreignKeyConstraintName: 'fk_chat_session_series' })
  series?: SessionSeries | null;

  /** A cancelled meeting of a series stays listed as cancelled; its room no longer opens. */
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'varchar', length: 10, default: 'gathering' })
  phase: SessionPhase;

  /** During a round: the members still to be given the word, in order (membership ids). */
  @Column({ name: 'round_order', type: 'jsonb', nullable: true })
  roundOrder: string[] | null;

  /** Raised on every change of the facilitation (phase, word, round, hands): clients keep the newest. */
  @Column({ name: 'live_version', type: 'integer', default: 0 })
  liveVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
