import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Membership } from '../groups/membership.entity.js';
import { SessionSeries } from './session-series.entity.js';

/** A member signed up for every meeting of a series; `volunteer`: willing to facilitate one. */
@Entity({ name: 'chat_session_series_signup' })
@Index('ix_chat_session_series_signup_membership', ['membershipId'])
export class SeriesSignup {
  @PrimaryColumn({ name: 'series_id', type: 'uuid', primaryKeyConstraintName: 'pk_chat_session_series_signup' })
  seriesId: string;

  @PrimaryColumn({ name: 'membership_id', type: 'uuid', primaryKeyConstraintName: 'pk_chat_session_series_signup' })
  membershipId: string;

  @ManyToOne(() => SessionSeries, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id', foreignKeyConstraintName: 'fk_chat_session_series_signup_series' })
  series?: SessionSeries;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_chat_session_series_signup_membership' })
  membership?: Membership;

  @Column({ type: 'boolean', default: false })
  volunteer: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
