import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Membership } from '../groups/membership.entity.js';
import { ChatSession } from './chat-session.entity.js';

/** A member's place in a session; at most `capacity` of them (the facilitator holds one). */
@Entity({ name: 'chat_session_signup' })
@Index('ix_chat_session_signup_membership', ['membershipId'])
export class SessionSignup {
  @PrimaryColumn({ name: 'session_id', type: 'uuid', primaryKeyConstraintName: 'pk_chat_session_signup' })
  sessionId: string;

  @PrimaryColumn({ name: 'membership_id', type: 'uuid', primaryKeyConstraintName: 'pk_chat_session_signup' })
  membershipId: string;

  @ManyToOne(() => ChatSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_chat_session_signup_session' })
  session?: ChatSession;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_chat_session_signup_membership' })
  membership?: Membership;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
