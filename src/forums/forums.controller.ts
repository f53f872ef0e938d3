import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Injectable,
  Param,
  Patch,
  type PipeTransform,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../auth/actor.js';
import { DomainError } from '../common/domain-error.js';
import { IdParam } from '../common/params.js';
import {
  type PostView,
  type ReactionKind,
  reactionKindSchema,
  type ReactionSummary,
  type Revision,
  type SearchResults,
  type ThreadPage,
  type ThreadView,
  type ThreadWithPosts,
} from '../contracts/forums.js';
import { ForumSearchService } from './forum-search.service.js';
import type { MemberRef } from '../contracts/groups.js';
import { ForumMentions } from './forum-mentions.js';
import {
  AliasQueryDto,
  CreateThreadDto,
  EditPostDto,
  EditThreadDto,
  PageQueryDto,
  ReplyDto,
  SearchQueryDto,
} from './forums.dto.js';
import { PostsService } from './posts.service.js';
import { ReactionsService } from './reactions.service.js';
import { ThreadsService } from './threads.service.js';

@Injectable()
class ReactionKindPipe implements PipeTransform<string, ReactionKind> {
  transform(value: string): ReactionKind {
    const result = reactionKindSchema.safeParse(value);
    if (!result.success) {
      throw new DomainError('validation_failed', 'Some fields are not valid.', [
        { field: 'kind', message: result.error.issues[0].message },
      ]);
    }
    return result.data;
  }
}

const KindParam = () => Param('kind', ReactionKindPipe);

/** A group's forum: every route needs an active membership of the group with its current pledge. */
@ApiTags('forums')
@ApiBearerAuth()
@Controller('groups/:slug')
export class ForumsController {
  constructor(
    private readonly threads: ThreadsService,
    private readonly posts: PostsService,
    private readonly reactions: ReactionsService,
    private readonly search: ForumSearchService,
    private readonly mentions: ForumMentions,
  ) {}

  @Get('threads')
  list(@CurrentActor() actor: Actor, @Param('slug') slug: string, @Query() query: PageQueryDto): Promise<ThreadPage> {
    return this.threads.list(actor, slug, query);
  }

  @Post('threads')
  create(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Body() body: CreateThreadDto,
  ): Promise<ThreadView> {
    return this.threads.create(actor, slug, body);
  }

  /** The thread and a page of its replies; marks what it returns as read. */
  @Get('threads/:threadId')
  read(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('threadId') threadId: string,
    @Query() query: PageQueryDto,
  ): Promise<ThreadWithPosts> {
    return this.threads.read(actor, slug, threadId, query);
  }

  @Patch('threads/:threadId')
  editThread(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('threadId') threadId: string,
    @Body() body: EditThreadDto,
  ): Promise<ThreadView> {
    return this.threads.edit(actor, slug, threadId, body);
  }

  @HttpCode(204)
  @Delete('threads/:threadId')
  async removeThread(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('threadId') threadId: string,
  ): Promise<void> {
    await this.threads.remove(actor, slug, threadId);
  }

  @Get('threads/:threadId/revisions')
  threadRevisions(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('threadId') threadId: string,
  ): Promise<Revision[]> {
    return this.posts.threadRevisions(actor, slug, threadId);
  }

  @Post('threads/:threadId/posts')
  reply(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('threadId') threadId: string,
    @Body() body: ReplyDto,
  ): Promise<PostView> {
    return this.posts.reply(actor, slug, threadId, body);
  }

  @Put('threads/:threadId/reactions/:kind')
  reactToThread(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('threadId') threadId: string,
    @KindParam() kind: ReactionKind,
  ): Promise<ReactionSummary> {
    return this.reactions.add(actor, slug, { thread: threadId }, kind);
  }

  @Delete('threads/:threadId/reactions/:kind')
  unreactToThread(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('threadId') threadId: string,
    @KindParam() kind: ReactionKind,
  ): Promise<ReactionSummary> {
    return this.reactions.remove(actor, slug, { thread: threadId }, kind);
  }

  /** One post as the member may see it: how a live reader fetches what changed in a thread. */
  @Get('posts/:postId')
  readPost(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('postId') postId: string,
  ): Promise<PostView> {
    return this.posts.read(actor, slug, postId);
  }

  /** `@alias` autocomplete: this group's aliases only, for its members only. */
  @Get('aliases')
  aliases(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Query() query: AliasQueryDto,
  ): Promise<MemberRef[]> {
    return this.mentions.suggest(actor, slug, query);
  }

  @Patch('posts/:postId')
  editPost(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('postId') postId: string,
    @Body() body: EditPostDto,
  ): Promise<PostView> {
    return this.posts.edit(actor, slug, postId, body);
  }

  @HttpCode(204)
  @Delete('posts/:postId')
  async removePost(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('postId') postId: string,
  ): Promise<void> {
    await this.posts.remove(actor, slug, postId);
  }

  @Get('posts/:postId/revisions')
  postRevisions(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('postId') postId: string,
  ): Promise<Revision[]> {
    return this.posts.postRevisions(actor, slug, postId);
  }

  @Put('posts/:postId/reactions/:kind')
  reactToPost(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('postId') postId: string,
    @KindParam() kind: ReactionKind,
  ): Promise<ReactionSummary> {
    return this.reactions.add(actor, slug, { post: postId }, kind);
  }

  @Delete('posts/:postId/reactions/:kind')
  unreactToPost(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @IdParam('postId') postId: string,
    @KindParam() kind: ReactionKind,
  ): Promise<ReactionSummary> {
    return this.reactions.remove(actor, slug, { post: postId }, kind);
  }

  /** Searches this group's forum only. */
  @Get('search')
  async searchGroup(
    @CurrentActor() actor: Actor,
    @Param('slug') slug: string,
    @Query() query: SearchQueryDto,
  ): Promise<SearchResults> {
    return { hits: await this.search.search(actor, slug, query) };
  }
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/search')
export class MySearchController {
  constructor(private readonly search: ForumSearchService) {}

  /** Searches the forums of every group the account reads: its holder alone sees the groups side by side. */
  @Get()
  async searchAll(@CurrentActor() actor: Actor, @Query() query: SearchQueryDto): Promise<SearchResults> {
    return { hits: await this.search.search(actor, undefined, query) };
  }
}
