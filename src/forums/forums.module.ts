import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module.js';
import { ForumPurgeService } from './forum-purge.service.js';
import { ForumReader } from './forum-reader.js';
import { ForumSearchService } from './forum-search.service.js';
import { ForumsController, MySearchController } from './forums.controller.js';
import { PostsService } from './posts.service.js';
import { ReactionsService } from './reactions.service.js';
import { ThreadsService } from './threads.service.js';

/** Group forums: threads, replies, reactions, unread markers, search, and purging removed text. */
@Module({
  imports: [GroupsModule],
  controllers: [ForumsController, MySearchController],
  providers: [ForumReader, ThreadsService, PostsService, ReactionsService, ForumSearchService, ForumPurgeService],
  exports: [ThreadsService, PostsService, ForumPurgeService],
})
export class ForumsModule {}
