import styles from './access.module.css';

/** The broker's refusal (or silence), shown next to the form that caused it. */
export function BrokerError({ error }: { error: string }) {
  if (!error) return null;
  return (
    <p role="alert" className={styles.brokerError}>
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  );
}
