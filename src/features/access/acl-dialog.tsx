import { useId, useState } from 'react';
import { FormDialog } from '../../components/form-dialog';
import { ACL_TYPES, addRoleAcl, parsePriority, validateAclTopic, type AclType } from '../../core/dynsec';
import { BrokerError } from './broker-error';
import { useRunner } from './use-runner';
import styles from './access.module.css';

const TYPE_HINTS: Record<AclType, string> = {
  publishClientSend: 'What the client may publish. Wildcards match topics.',
  publishClientReceive: 'What the broker may deliver to the client. Wildcards match topics.',
  subscribeLiteral: 'A subscription filter compared character for character (no wildcard matching).',
  subscribePattern: 'Subscriptions matched as a pattern: sensors/# covers sensors/+/temp.',
  unsubscribeLiteral: 'An unsubscribe filter compared character for character.',
  unsubscribePattern: 'Unsubscribes matched as a pattern.',
};

/** Add one ACL (type, topic, allow/deny, priority) to a role. */
export function AclDialog({ role, onClose, onDone }: { role: string; onClose: () => void; onDone: (message: string) => void }) {
  const id = useId();
  const [type, setType] = useState<AclType>('subscribePattern');
  const [topic, setTopic] = useState('');
  const [allow, setAllow] = useState(true);
  const [priority, setPriority] = useState('0');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useRunner(onDone);
  const topicError = tried ? validateAclTopic(type, topic) : null;
  const prio = parsePriority(priority);
  const prioError = tried ? prio.error : undefined;
  const submit = () => {
    setTried(true);
    if (validateAclTopic(type, topic) || prio.error) return;
    const acl = { acltype: type, topic, allow, priority: prio.value ?? 0 };
    void run([addRoleAcl(role, acl)], `Added to role ${role}: ${allow ? 'allow' : 'deny'} ${type} ${topic}.`);
  };
  return (
    <FormDialog title={`Add ACL to role ${role}`} onSave={submit} onCancel={onClose} busy={busy}>
      <div className="field">
        <label htmlFor={`${id}-type`}>ACL type</label>
        <select id={`${id}-type`} className="input" value={type} aria-describedby={`${id}-type-hint`} onChange={(e) => setType(e.target.value as AclType)}>
          {ACL_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <span id={`${id}-type-hint`} className="field-hint">
          {TYPE_HINTS[type]}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-topic`}>Topic</label>
        <input
          id={`${id}-topic`}
          className={`input ${styles.mono}`}
          spellCheck={false}
          autoComplete="off"
          placeholder="sensors/#"
          value={topic}
          aria-invalid={topicError ? true : undefined}
          aria-describedby={topicError ? `${id}-topic-err` : undefined}
          onChange={(e) => setTopic(e.target.value)}
        />
        {topicError && (
          <span id={`${id}-topic-err`} role="alert" className="field-error">
            {topicError}
          </span>
        )}
      </div>
      <div className={styles.formRow}>
        <fieldset className={styles.radios}>
          <legend className="field-label">Access</legend>
          <div className={styles.radioRow}>
            <label className="check">
              <input type="radio" name={`${id}-allow`} checked={allow} onChange={() => setAllow(true)} /> Allow
            </label>
            <label className="check">
              <input type="radio" name={`${id}-allow`} checked={!allow} onChange={() => setAllow(false)} /> Deny
            </label>
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-prio`}>Priority</label>
          <input
            id={`${id}-prio`}
            className={`input ${styles.narrow}`}
            inputMode="numeric"
            value={priority}
            aria-invalid={prioError ? true : undefined}
            aria-describedby={prioError ? `${id}-prio-err` : undefined}
            onChange={(e) => setPriority(e.target.value)}
          />
          {prioError && (
            <span id={`${id}-prio-err`} role="alert" className="field-error">
              {prioError}
            </span>
          )}
        </div>
      </div>
      <BrokerError error={error} />
    </FormDialog>
  );
}
