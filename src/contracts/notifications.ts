import { z } from 'zod';
import { slugSchema } from './groups.js';
import { text } from './text.js';

/** What a notification is about; each can be turned off in the member's settings. */
export const NOTIFICATION_KINDS = ['reply', 'mention', 'buddy', 'notice', 'appeal', 'session', 'join'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * What happened, within a kind: a buddy request asked, accepted or declined; a join request
 * approved or declined; the notice's own kind. The client turns kind and `what` into words.
 */
export type NotificationWhat =
  | 'replied'
  | 'mentioned'
  | 'chat-mention'
  | 'requested'
  | 'accepted'
  | 'declined'
  | 'approved'
  | 'starts-soon'
  | 'warning'
  | 'action'
  | 'crisis'
  | 'worry'
  | 'report-handled'
  | 'appeal-decided';

/**
 * One notification as its member sees it. It carries only its own group's names and ids: the
 * group, the member's alias there and, when another member caused it, that member's alias there.
 * Never an account id, never an alias of another group.
 */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  what: NotificationWhat;
  group: { slug: string; name: string };
  /** The member's own alias in that group: the notification is for this alias. */
  alias: string;
  /** The alias (in that group) of who replied, mentioned or asked; null for moderation and reminders. */
  actor: string | null;
  /** Replies to one thread are one notification: how many arrived since it was last read. */
  count: number;
  /** The client path of the place it is about. */
  link: string;
  read: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NotificationList {
  items: NotificationView[];
  unread: number;
}

/** Unread notifications in total and per group (by slug), for the badge, "my groups" and the directory. */
export interface UnreadCounts {
  total: number;
  groups: { group: string; unread: number }[];
}

export type NotificationSettings = Record<NotificationKind, boolean>;

export const notificationSettingsSchema = z.strictObject({
  reply: z.boolean().optional(),
  mention: z.boolean().optional(),
  buddy: z.boolean().optional(),
  notice: z.boolean().optional(),
  appeal: z.boolean().optional(),
  session: z.boolean().optional(),
  join: z.boolean().optional(),
});
export type NotificationSettingsRequest = z.infer<typeof notificationSettingsSchema>;

/** The two sentences a push may carry: nothing about what happened, who, or where. */
export const PUSH_TEXT = {
  nl: 'Kring: er is iets nieuws voor je',
  en: 'Kring: something new for you',
} as const;

/** A browser's PushSubscription (its `toJSON()`), and the language this device shows Kring in. */
export const pushSubscribeSchema = z.strictObject({
  endpoint: z.url('Not a push address.').max(1000, 'Not a push address.'),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    p256dh: text({ max: 102, trim: false }).regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/, 'Not a push key.'),
    auth: text({ max: 26, trim: false }).regex(/^[A-Za-z0-9_-]{16,24}={0,2}$/, 'Not a push key.'),
  }),
  language: z.enum(['nl', 'en']),
});
export type PushSubscribeRequest = z.infer<typeof pushSubscribeSchema>;

export const pushUnsubscribeSchema = z.strictObject({
  endpoint: z.url('Not a push address.').max(1000, 'Not a push address.'),
});
export type PushUnsubscribeRequest = z.infer<typeof pushUnsubscribeSchema>;

/** `GET /api/notifications/push?endpoint=`: the browser's subscription address, to ask about it. */
export const pushStatusQuerySchema = z.strictObject({
  endpoint: z.url('Not a push address.').max(1000, 'Not a push address.').optional(),
});
export type PushStatusQuery = z.infer<typeof pushStatusQuerySchema>;

export interface PushKeyView {
  /** The VAPID public key, for `pushManager.subscribe({ applicationServerKey })`. */
  publicKey: string;
  /**
   * Whether the caller's own login holds a subscription for `?endpoint=` (false without one). A
   * browser keeps its subscription when the server ended the login some other way (it expired, was
   * ended from another device, a password change), so the browser alone cannot say pushes are on.
   */
  subscribed: boolean;
}

/** `POST /api/notifications/read-all?group=`: all of one group's notifications, or all of them. */
export const readAllQuerySchema = z.strictObject({ group: slugSchema.optional() });
