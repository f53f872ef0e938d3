import { Module, type OnModuleInit } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module.js';
import { ModerationContentRegistry } from '../moderation/moderation-content.registry.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { ForumLive } from './forum-live.js';
import { ForumLiveGateway } from './forum-live.gateway.js';
import { ForumMentions } from './forum-mentions.js';
import { ForumModeration } from './forum-moderation.js';
import { ForumPurgeService } from './forum-purge.service.js';
import { ForumReader } from './forum-reader.js';
import { ForumSafety } from './forum-safety.js';
import { ForumSearchService } from './forum-search.service.js';
import { ForumsController, MySearchController } from './forums.controller.js';
import { PostsService } from './posts.service.js';
import { ReactionsService } from './reactions.service.js';
import { ThreadsService } from './threads.service.js';

/**
 * Group forums: threads, replies (quoting a post, naming members by `@alias`), reactions, unread
 * markers, search, purging removed text, and the live thread and list rooms on `/chat`.
 * What members write is screened by the safety feature and moderated through the moderation
 * feature's registry (`thread` and `post`).
 */
@Module({
  imports: [GroupsModule, ModerationModule],
  controllers: [ForumsController, MySearchController],
  providers: [
    ForumReader,
    ThreadsService,
    PostsService,
    ReactionsService,
    ForumSearchService,
    ForumPurgeService,
    ForumSafety,
    ForumModeration,
    ForumMentions,
    ForumLive,
    ForumLiveGateway,
  ],
  exports: [ThreadsService, PostsService, ForumPurgeService],
})
export class ForumsModule implements OnModuleInit {
  constructor(
    private readonly registry: ModerationContentRegistry,
    private readonly moderation: ForumModeration,
  ) {}

  onModuleInit(): void {
    this.registry.register('thread', this.moderation.threads);
    this.registry.register('post', this.moderation.posts);
  }
}
