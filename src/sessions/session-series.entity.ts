import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SupportGroup } from '../groups/group.entity.js';

/**
 * A group's recurring meeting: every week or every other week at a local time, for `count`
 * meetings. Each meeting is a `chat_session` row of its own (one series, many occurrences), so a
 * single one can be moved, cancelled or led by another facilitator. A closed cohort lets only
 * those who signed up for the series take part ("een vastgesteld aantal bijeenkomsten").
 */
@Entity({ name: 'chat_session_series' })
@Index('ix_chat_session_series_group', ['groupId'])
@Check('ck_chat_session_series_capacity', 'capacity BETWEEN 2 AND 20')
@Check('ck_chat_session_series_every', 'every_weeks IN (1, 2)')
export class SessionSeries {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_chat_session_series' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_chat_session_series_group' })
  group?: SupportGroup;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ name: 'every_weeks', type: 'smallint' })
  everyWeeks: number;

  @Column({ name: 'time_zone', type: 'varchar', length: 40 })
  timeZone: string;

  /** The first meeting's date in `time_zone`, `YYYY-MM-DD`. */
  @Column({ name: 'first_date', type: 'varchar', length: 10 })
  firstDate: string;

  /** `HH:MM` in `time_zone`: kept across daylight-saving changes. */
  @Column({ name: 'local_time', type: 'varchar', length: 5 })
  localTime: string;

  @Column({ name: 'duration_minutes', type: 'integer' })
  durationMinutes: number;

  @Column({ type: 'integer' })
  count: number;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ name: 'closed_cohort', type: 'boolean' })
  closedCohort: boolean;

  /** Read out when the meeting opens: the group's pledge unless the moderator wrote another. */
  @Column({ name: 'opening_text', type: 'text' })
  openingText: string;

  @Column({ name: 'closing_text', type: 'text' })
  closingText: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
