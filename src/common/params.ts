import { Injectable, Param, type PipeTransform } from '@nestjs/common';
import { DomainError } from './domain-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
