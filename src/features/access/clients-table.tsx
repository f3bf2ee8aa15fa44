import type { DynsecClient } from '../../core/dynsec';
import { AccessTable, ChipList } from './access-table';
import { deleteClientSpec, disableClientSpec, removeClientRoleSpec } from './confirm-specs';
import type { OpenDialog } from './open-dialog';
import styles from './access.module.css';

interface Props {
  clients: DynsecClient[];
  /** Username this connection uses ('' when anonymous). */
  me: string;
  busy: boolean;
  open: (d: OpenDialog) => void;
  onEnable: (username: string) => void;
}

/** The Clients table: who may log in, their roles and groups, and what can be done to each. */
export function ClientsTable({ clients, me, busy, open, onEnable }: Props) {
  return (
    <AccessTable
      label="Clients"
      columns={[
        { title: 'Username', colClassName: styles.colName },
        { title: 'Status', colClassName: styles.colStatus },
        { title: 'Roles' },
        { title: 'Groups' },
        { title: 'Actions', colClassName: styles.colActions },
      ]}
      empty={clients.length === 0 && 'No clients yet. Add one with Add client.'}
    >
      {clients.map((c) => (
        <tr key={c.username}>
          <th scope="row" className={styles.name}>
            <span className={styles.nameText}>{c.username}</span>
            {c.username === me && <span className={styles.you}>you</span>}
            {c.textname && <span className={styles.sub}>{c.textname}</span>}
          </th>
          <td>
            {c.disabled ? (
              <span className={`${styles.badge} ${styles.off}`}>
                <span aria-hidden="true">⊘</span>Disabled
              </span>
            ) : (
              <span className={`${styles.badge} ${styles.on}`}>
                <span aria-hidden="true">✓</span>Enabled
              </span>
            )}
          </td>
          <td>
            <ChipList
              items={c.roles.map((r) => ({
                key: r.rolename,
                text: r.rolename,
                detail: r.priority !== undefined ? `p${r.priority}` : undefined,
                removeLabel: `Remove role ${r.rolename} from ${c.username}`,
                onRemove: () => open({ kind: 'confirm', spec: removeClientRoleSpec(c.username, r.rolename) }),
              }))}
            />
          </td>
          <td>
            <ChipList items={c.groups.map((g) => ({ key: g, text: g }))} />
          </td>
          <td className={styles.actions}>
            <button type="button" className="btn btn-sm" aria-label={`Set password for ${c.username}`} onClick={() => open({ kind: 'password', username: c.username })}>
              Set password
            </button>
            <button type="button" className="btn btn-sm" aria-label={`Assign role to ${c.username}`} onClick={() => open({ kind: 'clientRole', username: c.username })}>
              Assign role
            </button>
            {c.disabled ? (
              <button type="button" className="btn btn-sm" aria-label={`Enable ${c.username}`} disabled={busy} onClick={() => onEnable(c.username)}>
                Enable
              </button>
            ) : (
              <button type="button" className="btn btn-sm" aria-label={`Disable ${c.username}`} onClick={() => open({ kind: 'confirm', spec: disableClientSpec(c.username, me) })}>
                Disable
              </button>
            )}
            <button type="button" className="btn btn-sm btn-danger" aria-label={`Delete client ${c.username}`} onClick={() => open({ kind: 'confirm', spec: deleteClientSpec(c.username, me) })}>
              Delete
            </button>
          </td>
        </tr>
      ))}
    </AccessTable>
  );
}
