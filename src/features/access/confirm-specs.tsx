/** What each destructive action says before it happens (names rendered as text, never markup). */
import {
  deleteClient,
  deleteGroup,
  deleteRole,
  describeAcl,
  disableClient,
  removeClientRole,
  removeGroupClient,
  removeGroupRole,
  removeRoleAcl,
  type DynsecAcl,
} from '../../core/dynsec';
import type { ConfirmSpec } from './confirm-dialog';

function selfWarning(username: string, me: string) {
  return username === me ? <p><strong>You are connected as {username}:</strong> this connection loses its access too.</p> : null;
}

export function deleteClientSpec(username: string, me: string): ConfirmSpec {
  return {
    title: `Delete client ${username}?`,
    body: (
      <>
        <p>The client {username} is removed from the broker: it can no longer log in, and connections using it are closed now.</p>
        {selfWarning(username, me)}
      </>
    ),
    confirmLabel: `Delete client ${username}`,
    commands: [deleteClient(username)],
    done: `Deleted client ${username}.`,
  };
}

export function disableClientSpec(username: string, me: string): ConfirmSpec {
  return {
    title: `Disable client ${username}?`,
    body: (
      <>
        <p>{username} can no longer log in, and connections using it are closed now. Enable it again at any time.</p>
        {selfWarning(username, me)}
      </>
    ),
    confirmLabel: `Disable client ${username}`,
    commands: [disableClient(username)],
    done: `Disabled client ${username}.`,
  };
}

export function deleteGroupSpec(group: string, members: number): ConfirmSpec {
  return {
    title: `Delete group ${group}?`,
    body: <p>The group {group} is removed{members ? `; its ${members} client${members === 1 ? '' : 's'} lose the roles it gave them` : ''}. The clients themselves stay.</p>,
    confirmLabel: `Delete group ${group}`,
    commands: [deleteGroup(group)],
    done: `Deleted group ${group}.`,
  };
}

export function deleteRoleSpec(role: string, users: number): ConfirmSpec {
  return {
    title: `Delete role ${role}?`,
    body: <p>The role {role} and its ACLs are removed{users ? ` from the ${users} client${users === 1 ? '' : 's'} and groups that have it` : ''}.</p>,
    confirmLabel: `Delete role ${role}`,
    commands: [deleteRole(role)],
    done: `Deleted role ${role}.`,
  };
}

export function removeClientRoleSpec(username: string, role: string): ConfirmSpec {
  return {
    title: `Remove role ${role} from ${username}?`,
    body: <p>{username} loses what the role {role} allows (unless a group still gives it).</p>,
    confirmLabel: `Remove role ${role} from ${username}`,
    commands: [removeClientRole(username, role)],
    done: `Removed role ${role} from ${username}.`,
  };
}

export function removeGroupRoleSpec(group: string, role: string): ConfirmSpec {
  return {
    title: `Remove role ${role} from group ${group}?`,
    body: <p>The clients of group {group} lose what the role {role} allows through this group.</p>,
    confirmLabel: `Remove role ${role} from group ${group}`,
    commands: [removeGroupRole(group, role)],
    done: `Removed role ${role} from group ${group}.`,
  };
}

export function removeGroupClientSpec(group: string, username: string): ConfirmSpec {
  return {
    title: `Remove ${username} from group ${group}?`,
    body: <p>{username} leaves group {group} and loses the roles it gives.</p>,
    confirmLabel: `Remove ${username} from group ${group}`,
    commands: [removeGroupClient(group, username)],
    done: `Removed ${username} from group ${group}.`,
  };
}

export function removeAclSpec(role: string, acl: DynsecAcl): ConfirmSpec {
  return {
    title: `Remove ACL from role ${role}?`,
    body: (
      <p>
        The rule <code>{describeAcl(acl)}</code> is removed from role {role}.
      </p>
    ),
    confirmLabel: `Remove ACL ${acl.acltype} ${acl.topic}`,
    commands: [removeRoleAcl(role, acl.acltype, acl.topic)],
    done: `Removed ACL ${acl.acltype} ${acl.topic} from role ${role}.`,
  };
}
