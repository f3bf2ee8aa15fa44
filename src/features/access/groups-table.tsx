import type { DynsecGroup } from '../../core/dynsec';
import { AccessTable, ChipList } from './access-table';
import { deleteGroupSpec, removeGroupClientSpec, removeGroupRoleSpec } from './confirm-specs';
import type { OpenDialog } from './open-dialog';
import styles from './access.module.css';

/** The Groups table: members and roles of each group. */
export function GroupsTable({ groups, open }: { groups: DynsecGroup[]; open: (d: OpenDialog) => void }) {
  return (
    <AccessTable
      label="Groups"
      columns={[{ title: 'Group name', colClassName: styles.colName }, { title: 'Clients' }, { title: 'Roles' }, { title: 'Actions', colClassName: styles.colActions }]}
      empty={groups.length === 0 && 'No groups yet. Groups give the same roles to many clients: add one with Add group.'}
    >
      {groups.map((g) => (
        <tr key={g.groupname}>
          <th scope="row" className={styles.name}>
            <span className={styles.nameText}>{g.groupname}</span>
          </th>
          <td>
            <ChipList
              items={g.clients.map((u) => ({
                key: u,
                text: u,
                removeLabel: `Remove ${u} from group ${g.groupname}`,
                onRemove: () => open({ kind: 'confirm', spec: removeGroupClientSpec(g.groupname, u) }),
              }))}
            />
          </td>
          <td>
            <ChipList
              items={g.roles.map((r) => ({
                key: r.rolename,
                text: r.rolename,
                detail: r.priority !== undefined ? `p${r.priority}` : undefined,
                removeLabel: `Remove role ${r.rolename} from group ${g.groupname}`,
                onRemove: () => open({ kind: 'confirm', spec: removeGroupRoleSpec(g.groupname, r.rolename) }),
              }))}
            />
          </td>
          <td className={styles.actions}>
            <button type="button" className="btn btn-sm" aria-label={`Add client to group ${g.groupname}`} onClick={() => open({ kind: 'groupClient', group: g.groupname })}>
              Add client
            </button>
            <button type="button" className="btn btn-sm" aria-label={`Assign role to group ${g.groupname}`} onClick={() => open({ kind: 'groupRole', group: g.groupname })}>
              Assign role
            </button>
            <button type="button" className="btn btn-sm btn-danger" aria-label={`Delete group ${g.groupname}`} onClick={() => open({ kind: 'confirm', spec: deleteGroupSpec(g.groupname, g.clients.length) })}>
              Delete
            </button>
          </td>
        </tr>
      ))}
    </AccessTable>
  );
}
