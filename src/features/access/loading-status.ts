import { DYNSEC_TOPIC } from '../../core/dynsec';

/** What the Access control status says while the first lists are asked for. */
export function loadingStatus(attempt: number, attempts: number, waitingLong: boolean, answerMs: number): string {
  const asking = `Asking the broker for clients, groups and roles on ${DYNSEC_TOPIC}…`;
  if (!waitingLong) return asking;
  const each = Math.round(answerMs / 1000);
  return (
    `No answer yet on ${DYNSEC_TOPIC} (ask ${Math.max(1, attempt)} of ${attempts}, up to ${each} s each). ` +
    "Only Mosquitto's dynamic-security plugin answers there, and only to a user allowed to use it; other brokers stay silent."
  );
}
