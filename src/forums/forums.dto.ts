import { createZodDto } from 'nestjs-zod';
import {
  aliasQuerySchema,
  createThreadSchema,
  editPostSchema,
  editThreadSchema,
  pageQuerySchema,
  replySchema,
  searchQuerySchema,
} from '../contracts/forums.js';

export class CreateThreadDto extends createZodDto(createThreadSchema) {}
export class EditThreadDto extends createZodDto(editThreadSchema) {}
export class ReplyDto extends createZodDto(replySchema) {}
export class EditPostDto extends createZodDto(editPostSchema) {}
export class PageQueryDto extends createZodDto(pageQuerySchema) {}
export class SearchQueryDto extends createZodDto(searchQuerySchema) {}
export class AliasQueryDto extends createZodDto(aliasQuerySchema) {}
