import { describeCondition, describeRule, type AlertRule } from '../../core/alert-rules';
import type { RuleStatus } from '../../core/alert-engine';
import { alerts } from './runtime';
import styles from './alerts.module.css';

interface Props {
  rules: readonly AlertRule[];
  onEdit: (rule: AlertRule) => void;
  onDelete: (rule: AlertRule) => void;
  onEnabled: (rule: AlertRule, enabled: boolean) => void;
}

const STATE_TEXT: Record<RuleStatus['state'], string> = {
  firing: 'Firing',
  ok: 'OK',
  waiting: 'Waiting',
  off: 'Off',
  invalid: 'Invalid',
  unreadable: 'Not read',
};
const STATE_ICON: Record<RuleStatus['state'], string> = { firing: '▲', ok: '✓', waiting: '…', off: '○', invalid: '!', unreadable: '?' };

/** The table "Alert rules": filter, condition, state (in words), what the rule could not read, actions. Re-rendered by the view on every engine change. */
export function RulesTable({ rules, onEdit, onDelete, onEnabled }: Props) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-label="Alert rules">
        <colgroup>
          <col className={styles.colFilter} />
          <col className={styles.colCondition} />
          <col className={styles.colState} />
          <col />
          <col className={styles.colActions} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Topic filter</th>
            <th scope="col">Condition</th>
            <th scope="col">State</th>
            <th scope="col">Details</th>
            <th scope="col" className={styles.actions}>
              Actions
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.length === 0 && (
            <tr>
              <td colSpan={5} className={styles.emptyRow}>
                No alert rules yet. Add one with <strong>Add alert rule</strong>, or select a topic in the Explorer and use{' '}
                <strong>Alert on this topic</strong>.
              </td>
            </tr>
          )}
          {rules.map((rule) => (
            <RuleRow key={rule.id} rule={rule} onEdit={onEdit} onDelete={onDelete} onEnabled={onEnabled} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RuleRow({ rule, onEdit, onDelete, onEnabled }: { rule: AlertRule } & Omit<Props, 'rules'>) {
  const status = alerts.status(rule.id) ?? { state: rule.enabled ? 'waiting' : 'off', active: 0 };
  const label = describeRule(rule);
  const topics = status.active > 0 ? alerts.activeTopics(rule.id, 3) : [];
  const problem = status.note !== undefined && status.state !== 'waiting';
  return (
    <tr>
      <th scope="row" className={styles.filter}>
        {rule.filter}
      </th>
      <td className={styles.mono}>{describeCondition(rule)}</td>
      <td>
        <span className={`${styles.badge} ${styles[status.state]}`}>
          <span aria-hidden="true">{STATE_ICON[status.state]}</span>
          {STATE_TEXT[status.state]}
          {status.active > 0 ? ` · ${status.active}` : ''}
        </span>
      </td>
      <td>
        {status.note && <span className={`${styles.note} ${problem ? styles.noteProblem : ''}`}>{status.note}</span>}
        {topics.length > 0 && (
          <span className={styles.topics}>
            {topics.join(', ')}
            {status.active > topics.length ? ` and ${status.active - topics.length} more` : ''}
          </span>
        )}
      </td>
      <td className={styles.actions}>
        <label className={styles.enabled}>
          <input type="checkbox" checked={rule.enabled} onChange={(e) => onEnabled(rule, e.target.checked)} aria-label={`Enabled: ${label}`} />
          Enabled
        </label>
        <button type="button" className="btn btn-sm" onClick={() => onEdit(rule)} aria-label={`Edit rule ${label}`}>
          Edit
        </button>
        <button type="button" className="btn btn-sm btn-danger" onClick={() => onDelete(rule)} aria-label={`Delete rule ${label}`}>
          Delete
        </button>
      </td>
    </tr>
  );
}
