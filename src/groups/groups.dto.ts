import { createZodDto } from 'nestjs-zod';
import {
  acceptPledgeSchema,
  createGroupSchema,
  decideJoinRequestSchema,
  joinGroupSchema,
  leaveGroupSchema,
  muteSchema,
  updateGroupSchema,
} from '../contracts/groups.js';

export class CreateGroupDto extends createZodDto(createGroupSchema) {}
export class UpdateGroupDto extends createZodDto(updateGroupSchema) {}
export class JoinGroupDto extends createZodDto(joinGroupSchema) {}
export class AcceptPledgeDto extends createZodDto(acceptPledgeSchema) {}
export class LeaveGroupDto extends createZodDto(leaveGroupSchema) {}
export class MuteDto extends createZodDto(muteSchema) {}
export class DecideJoinRequestDto extends createZodDto(decideJoinRequestSchema) {}
