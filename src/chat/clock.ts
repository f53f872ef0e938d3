import { Injectable } from '@nestjs/common';

/**
 * The time as chat sees it: message timestamps, session windows, the retention purge. Injected so
 * tests can move it (`jest.spyOn(clock, 'now')`) instead of waiting for days to pass.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
