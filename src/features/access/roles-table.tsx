import type { DynsecRole } from '../../core/dynsec';
import { removeAclSpec, deleteRoleSpec } from './confirm-specs';
import type { OpenDialog } from './open-dialog';
import { AccessTable } from './access-table';
import styles from './access.module.css';

/** The Roles table: each role's ACLs in priority order. */
export function RolesTable({ roles, usage, open }: { roles: DynsecRole[]; usage: (role: string) => number; open: (d: OpenDialog) => void }) {
  return (
    <AccessTable
      label="Roles"
      className={styles.tableTop}
      columns={[{ title: 'Role name', colClassName: styles.colName }, { title: 'ACLs' }, { title: 'Actions', colClassName: styles.colActionsSm }]}
      empty={roles.length === 0 && 'No roles yet. A role holds ACLs (what may be published or subscribed): add one with Add role.'}
    >
      {roles.map((r) => (
        <tr key={r.rolename}>
          <th scope="row" className={styles.name}>
            <span className={styles.nameText}>{r.rolename}</span>
          </th>
          <td>
            {r.acls.length === 0 ? (
              <span className={styles.none}>no ACLs: grants nothing yet</span>
            ) : (
              <ul className={styles.acls} aria-label={`ACLs of ${r.rolename}`}>
                {[...r.acls]
                  .sort((a, b) => b.priority - a.priority)
                  .map((a) => (
                    <li key={`${a.acltype}\u0000${a.topic}`}>
                      <span className={`${styles.badge} ${a.allow ? styles.on : styles.off}`}>{a.allow ? 'allow' : 'deny'}</span>
                      <span className={styles.aclType}>{a.acltype}</span>
                      <span className={styles.aclTopic}>{a.topic}</span>
                      {a.priority !== 0 && <span className={styles.chipDetail}>p{a.priority}</span>}
                      <button
                        type="button"
                        className={styles.chipRemove}
                        aria-label={`Remove ACL ${a.acltype} ${a.topic} from ${r.rolename}`}
                        title="Remove this ACL"
                        onClick={() => open({ kind: 'confirm', spec: removeAclSpec(r.rolename, a) })}
                      >
                        ×
                      </button>
                    </li>
                  ))}
              </ul>
            )}
          </td>
          <td className={styles.actions}>
            <button type="button" className="btn btn-sm" aria-label={`Add ACL to role ${r.rolename}`} onClick={() => open({ kind: 'acl', role: r.rolename })}>
              Add ACL
            </button>
            <button type="button" className="btn btn-sm btn-danger" aria-label={`Delete role ${r.rolename}`} onClick={() => open({ kind: 'confirm', spec: deleteRoleSpec(r.rolename, usage(r.rolename)) })}>
              Delete
            </button>
          </td>
        </tr>
      ))}
    </AccessTable>
  );
}
