import type { DynsecGroup } from '../../core/dynsec';
import { Chip } from './chip';
import { deleteGroupSpec, removeGroupClientSpec, removeGroupRoleSpec } from './confirm-specs';
import type { OpenDialog } from './open-dialog';
import styles from './access.module.css';

/** The Groups table: members and roles of each group. */
export function GroupsTable({ groups, open }: { groups: DynsecGroup[]; open: (d: OpenDialog) => void }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-label="Groups">
        <colgroup>
          <col className={styles.colName} />
          <col />
          <col />
          <col className={styles.colActions} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Group name</th>
            <th scope="col">Clients</th>
            <th scope="col">Roles</th>
            <th scope="col" className={styles.actionsHead}>
              Actions
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.length === 0 && (
            <tr>
              <td colSpan={4} className={styles.emptyRow}>
                No groups yet. Groups give the same roles to many clients: add one with Add group.
              </td>
            </tr>
          )}
          {groups.map((g) => (
            <tr key={g.groupname}>
              <th scope="row" className={styles.name}>
                <span className={styles.nameText}>{g.groupname}</span>
              </th>
              <td>
                <div className={styles.chips}>
                  {g.clients.length === 0 && <span className={styles.none}>none</span>}
                  {g.clients.map((u) => (
                    <Chip
                      key={u}
                      text={u}
                      removeLabel={`Remove ${u} from group ${g.groupname}`}
                      onRemove={() => open({ kind: 'confirm', spec: removeGroupClientSpec(g.groupname, u) })}
                    />
                  ))}
                </div>
              </td>
              <td>
                <div className={styles.chips}>
                  {g.roles.length === 0 && <span className={styles.none}>none</span>}
                  {g.roles.map((r) => (
                    <Chip
                      key={r.rolename}
                      text={r.rolename}
                      detail={r.priority !== undefined ? `p${r.priority}` : undefined}
                      removeLabel={`Remove role ${r.rolename} from group ${g.groupname}`}
                      onRemove={() => open({ kind: 'confirm', spec: removeGroupRoleSpec(g.groupname, r.rolename) })}
                    />
                  ))}
                </div>
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
        </tbody>
      </table>
    </div>
  );
}
