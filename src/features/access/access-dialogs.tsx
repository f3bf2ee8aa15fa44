import {
  addClientRole,
  addGroupClient,
  addGroupRole,
  createClient,
  createGroup,
  createRole,
  setClientPassword,
  validateName,
  validatePassword,
} from '../../core/dynsec';
import { plainCredentialsWarning } from '../../lib/broker-url';
import { useSessionStore } from '../../stores/session-store';
import { AclDialog } from './acl-dialog';
import { ConfirmDialog } from './confirm-dialog';
import type { OpenDialog } from './open-dialog';
import { PickDialog } from './pick-dialog';
import { TextFormDialog } from './text-form-dialog';
import type { DynsecModel } from './dynsec-model';

interface Props {
  dialog: OpenDialog;
  model: DynsecModel;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** The dialog that is open, wired to the commands it sends. */
export function AccessDialogs({ dialog, model, onClose, onDone }: Props) {
  const common = { onClose, onDone };
  // Passwords set here travel inside $CONTROL commands over this connection.
  const warning = plainCredentialsWarning(useSessionStore((s) => s.brokerUrl), 'the new password');
  const roleNames = model.roles.map((r) => r.rolename);
  switch (dialog.kind) {
    case 'addClient':
      return (
        <TextFormDialog
          {...common}
          title="Add client"
          warning={warning}
          intro="A client is a username (and password) that devices and apps log in with. It may do nothing until it has a role."
          fields={[
            { label: 'Username', validate: (v) => validateName(v, 'username') },
            { label: 'Password', type: 'password', validate: validatePassword },
          ]}
          build={([u = '', p = '']) => ({ commands: [createClient(u, p)], done: `Created client ${u}.` })}
        />
      );
    case 'addGroup':
      return (
        <TextFormDialog
          {...common}
          title="Add group"
          fields={[{ label: 'Group name', validate: (v) => validateName(v, 'group name') }]}
          build={([g = '']) => ({ commands: [createGroup(g)], done: `Created group ${g}.` })}
        />
      );
    case 'addRole':
      return (
        <TextFormDialog
          {...common}
          title="Add role"
          intro="A role holds ACLs; give it to clients or groups with Assign role."
          fields={[{ label: 'Role name', validate: (v) => validateName(v, 'role name') }]}
          build={([r = '']) => ({ commands: [createRole(r)], done: `Created role ${r}.` })}
        />
      );
    case 'password':
      return (
        <TextFormDialog
          {...common}
          title={`Set password for ${dialog.username}`}
          warning={warning}
          fields={[{ label: 'New password', type: 'password', validate: validatePassword, hint: 'Connections already open keep working until they reconnect.' }]}
          build={([p = '']) => ({ commands: [setClientPassword(dialog.username, p)], done: `Set a new password for ${dialog.username}.` })}
        />
      );
    case 'clientRole': {
      const has = new Set(model.clients.find((c) => c.username === dialog.username)?.roles.map((r) => r.rolename));
      return (
        <PickDialog
          {...common}
          title={`Assign role to ${dialog.username}`}
          label="Role"
          options={roleNames.filter((r) => !has.has(r))}
          emptyText={roleNames.length ? `${dialog.username} already has every role.` : 'There are no roles yet: create one with Add role first.'}
          build={(role, priority) => ({ commands: [addClientRole(dialog.username, role, priority)], done: `Assigned role ${role} to ${dialog.username}.` })}
        />
      );
    }
    case 'groupRole': {
      const has = new Set(model.groups.find((g) => g.groupname === dialog.group)?.roles.map((r) => r.rolename));
      return (
        <PickDialog
          {...common}
          title={`Assign role to group ${dialog.group}`}
          label="Role"
          options={roleNames.filter((r) => !has.has(r))}
          emptyText={roleNames.length ? `Group ${dialog.group} already has every role.` : 'There are no roles yet: create one with Add role first.'}
          build={(role, priority) => ({ commands: [addGroupRole(dialog.group, role, priority)], done: `Assigned role ${role} to group ${dialog.group}.` })}
        />
      );
    }
    case 'groupClient': {
      const has = new Set(model.groups.find((g) => g.groupname === dialog.group)?.clients);
      return (
        <PickDialog
          {...common}
          title={`Add client to group ${dialog.group}`}
          label="Client"
          options={model.clients.map((c) => c.username).filter((u) => !has.has(u))}
          emptyText={`Every client is already in group ${dialog.group}.`}
          build={(u, priority) => ({ commands: [addGroupClient(dialog.group, u, priority)], done: `Added ${u} to group ${dialog.group}.` })}
        />
      );
    }
    case 'acl':
      return <AclDialog {...common} role={dialog.role} />;
    case 'confirm':
      return <ConfirmDialog {...common} spec={dialog.spec} />;
  }
}
