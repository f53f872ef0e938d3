import { DomainError } from '../common/domain-error.js';

export const loginNameTaken = () =>
  new DomainError('login_name_taken', 'This login name is taken. Choose another one.', [
    { field: 'loginName', message: 'This login name is taken.' },
  ]);

export const commonPassword = (field: string) =>
  new DomainError('validation_failed', 'Some fields are not valid.', [
    { field, message: 'This password is one of the most common ones and easy to guess. Choose another.' },
  ]);

export const wrongPassword = () => new DomainError('invalid_credentials', 'The password is not right.');

export const accountNotFound = () => new DomainError('not_found', 'No account with this login name.');
