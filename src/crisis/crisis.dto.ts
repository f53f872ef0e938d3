import { createZodDto } from 'nestjs-zod';
import {
  appointResponderSchema,
  askForPersonSchema,
  dutySchema,
  resolveCrisisSchema,
  revokeResponderSchema,
  rotaSchema,
} from '../contracts/crisis.js';
import { decideAppealSchema } from '../contracts/moderation.js';

export class AppointResponderDto extends createZodDto(appointResponderSchema) {}
export class RevokeResponderDto extends createZodDto(revokeResponderSchema) {}
export class DutyDto extends createZodDto(dutySchema) {}
export class RotaDto extends createZodDto(rotaSchema) {}
export class ResolveCrisisDto extends createZodDto(resolveCrisisSchema) {}
export class DecideCrisisAppealDto extends createZodDto(decideAppealSchema) {}
export class AskForPersonDto extends createZodDto(askForPersonSchema) {}
