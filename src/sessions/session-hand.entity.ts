import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Membership } from '../groups/membership.entity.js';
import { ChatSession } from './chat-session.entity.js';

/** A raised hand in a session's queue, oldest first; gone when lowered, given the word, or the session ends. */
@Entity({ name: 'chat_session_hand' })
export class SessionHand {
  @PrimaryColumn({ name: 'session_id', type: 'uuid', primaryKeyConstraintName: 'pk_chat_session_hand' })
  sessionId: string;

  @PrimaryColumn({ name: 'membership_id', type: 'uuid', primaryKeyConstraintName: 'pk_chat_session_hand' })
  membershipId: string;

  @ManyToOne(() => ChatSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_chat_session_hand_session' })
  session?: ChatSession;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_chat_session_hand_membership' })
  membership?: Membership;

  @CreateDateColumn({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;
}
