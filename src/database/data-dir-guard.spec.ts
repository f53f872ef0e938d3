import { describe, expect, it } from '@jest/globals';
import { describeStartFailure, startFailureMessage } from './data-dir-guard.js';

const DIR = '/srv/kring/data';

describe('describeStartFailure', () => {
  it.each([
    ['Node', { code: 'ENOSPC', message: 'no space left on device' }],
    ["PGlite's file system", { name: 'ErrnoError', errno: 51 }],
    ['a wrapped cause', new Error('write failed', { cause: { errno: 51 } })],
  ])('says the disk is full at the folder for ENOSPC from %s', (_from, error) => {
    expect(describeStartFailure(error, DIR)?.message).toBe(
      'The disk is full at /srv/kring/data: free some space, then start again.',
    );
  });

  it.each([[{ code: 'EROFS' }], [{ errno: 69 }]])('says the file system is read-only (%j)', (error) => {
    expect(describeStartFailure(error, DIR)?.message).toMatch(
      /^The data folder \/srv\/kring\/data is on a read-only file system/,
    );
  });

  it.each([[{ code: 'EACCES' }], [{ errno: 2 }], [{ code: 'EPERM' }]])('says permission was denied (%j)', (error) => {
    expect(describeStartFailure(error, DIR)?.message).toMatch(/may not write in the data folder .*permission denied/);
  });

  it('leaves other failures to the caller', () => {
    expect(describeStartFailure(new Error('something else'), DIR)).toBeUndefined();
  });
});

describe('startFailureMessage', () => {
  it('never answers "[object Object]" for a thrown object that is not an Error', () => {
    expect(startFailureMessage({ name: 'ErrnoError', errno: 44 })).toBe('{"name":"ErrnoError","errno":44}');
    expect(startFailureMessage(new Error('plain'))).toBe('plain');
  });
});
