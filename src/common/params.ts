import { type ArgumentMetadata, Injectable, Param, type PipeTransform } from '@nestjs/common';
import { ZodValidationPipe } from 'nestjs-zod';
import { textProblem } from '../contracts/text.js';
import { DomainError } from './domain-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** No path parameter of the API is longer (a slug has at most 60 characters, an id 36). */
export const PATH_PARAM_MAX_LENGTH = 100;

/** A malformed id is answered exactly like an id that does not exist: 404, nothing more. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) {
      throw new DomainError('not_found', 'Not found.');
    }
    return value.toLowerCase();
  }
}

/** A route parameter that must be an id (uuid). */
export const IdParam = (name: string) => Param(name, IdPipe);

/**
 * The app's one validation pipe (APP_PIPE): bodies and queries by their zod contract, and every
 * path parameter (`:slug`, ids, kinds) by the text rule of the contracts. A parameter that breaks
 * it (a NUL, a control character, half a character) or is longer than any name of the API
 * cannot name anything: it is answered like a missing one, 404, before a service or the
 * database sees it.
 */
@Injectable()
export class KringValidationPipe extends ZodValidationPipe {
  constructor() {
    super();
  }

  override transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'param') {
      for (const part of typeof value === 'object' && value !== null ? Object.values(value) : [value]) {
        if (typeof part === 'string' && (part.length > PATH_PARAM_MAX_LENGTH || textProblem(part) !== undefined)) {
          throw new DomainError('not_found', 'Not found.');
        }
      }
    }
    return super.transform(value, metadata);
  }
}
