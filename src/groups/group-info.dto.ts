import { createZodDto } from 'nestjs-zod';
import { directoryQuerySchema, pairGroupSchema, updateGroupInfoSchema } from '../contracts/group-info.js';

export class UpdateGroupInfoDto extends createZodDto(updateGroupInfoSchema) {}
export class DirectoryQueryDto extends createZodDto(directoryQuerySchema) {}
export class PairGroupDto extends createZodDto(pairGroupSchema) {}
