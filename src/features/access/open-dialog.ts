import type { ConfirmSpec } from './confirm-dialog';

/** Which dialog of the Access control view is open. */
export type OpenDialog =
  | { kind: 'addClient' }
  | { kind: 'addGroup' }
  | { kind: 'addRole' }
  | { kind: 'password'; username: string }
  | { kind: 'clientRole'; username: string }
  | { kind: 'groupRole'; group: string }
  | { kind: 'groupClient'; group: string }
  | { kind: 'acl'; role: string }
  | { kind: 'confirm'; spec: ConfirmSpec };
