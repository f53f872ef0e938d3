import { createZodDto } from 'nestjs-zod';
import {
  appealSchema,
  appointModeratorSchema,
  auditQuerySchema,
  banSchema,
  decideAppealSchema,
  decideApplicationSchema,
  memberSearchSchema,
  moderationActionSchema,
  moderatorApplicationSchema,
  reportSchema,
  resolveCaseSchema,
  worrySchema,
} from '../contracts/moderation.js';

export class ReportDto extends createZodDto(reportSchema) {}
export class WorryDto extends createZodDto(worrySchema) {}
/**
 * A union keyed by `action` (one endpoint for every moderator action). A class cannot extend a
 * union type: this one is for the OpenAPI document (`@ApiBody`) and the validation pipe.
 */
export const ModerationActionDto = createZodDto(moderationActionSchema);
// The document names a body's schema after its class: without this it would be `AugmentedZodDto`.
Object.defineProperty(ModerationActionDto, 'name', { value: 'ModerationActionDto' });
export class BanDto extends createZodDto(banSchema) {}
export class ResolveCaseDto extends createZodDto(resolveCaseSchema) {}
export class AppealDto extends createZodDto(appealSchema) {}
export class DecideAppealDto extends createZodDto(decideAppealSchema) {}
export class ModeratorApplicationDto extends createZodDto(moderatorApplicationSchema) {}
export class DecideApplicationDto extends createZodDto(decideApplicationSchema) {}
export class AppointModeratorDto extends createZodDto(appointModeratorSchema) {}
export class MemberSearchDto extends createZodDto(memberSearchSchema) {}
export class AuditQueryDto extends createZodDto(auditQuerySchema) {}
