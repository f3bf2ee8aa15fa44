import { useId, useMemo, useState } from 'react';
import { session } from '../../mqtt/session';
import type { PublishRequest } from '../../mqtt/session';
import { useSessionStore } from '../../stores/session-store';
import { maxPublishQos, qosUnavailableReason, RETAIN_UNAVAILABLE_REASON, retainUnavailable } from '../../mqtt/capabilities';
import { clearOutcome, countProperties, saveTemplate, setDraft, usePublishStore, type Qos } from '../../stores/publish-store';
import { buildClearRetained, buildPublish, isReservedTopic, payloadSize, type DraftErrors } from './validate-draft';
import { publishDraft } from './publish-actions';
import { suggestTopics } from './topic-suggestions';
import { Dialog } from '../../components/dialog';
import { FieldError, invalidProps } from './field-error';
import { OutcomeBar } from './outcome-bar';
import { PayloadField } from './payload-field';
import { PropertiesEditor } from './properties-editor';
import styles from './publish.module.css';

const QOS_HINT: Record<Qos, string> = {
  0: 'At most once: sent, no acknowledgement',
  1: 'At least once: the broker answers with PUBACK',
  2: 'Exactly once: the broker answers with PUBCOMP',
};

/** Field order, for focusing the first error. */
const FIELDS = ['topic', 'payload', 'properties', 'contentType', 'messageExpiryInterval', 'responseTopic', 'correlationData', 'userProperties'] as const;

type Pending = { kind: 'reserved'; request: PublishRequest } | { kind: 'clear'; request: PublishRequest } | { kind: 'template' };

/** The Publish form: topic, payload, QoS, retain, properties, and its actions. */
export function PublishForm() {
  const id = useId();
  const draft = usePublishStore((s) => s.draft);
  const protocolVersion = useSessionStore((s) => s.protocolVersion);
  const capabilities = useSessionStore((s) => (s.state === 'connected' ? s.capabilities : undefined));
  const [check, setCheck] = useState<'none' | 'publish' | 'clear'>('none');
  const [propsOpen, setPropsOpen] = useState(() => countProperties(draft.properties) > 0);
  const [pending, setPending] = useState<Pending | null>(null);
  const [templateName, setTemplateName] = useState('');
  const [templateError, setTemplateError] = useState<string | undefined>();

  // Errors show once the user tried to send, and follow the edits from then on.
  const errors: DraftErrors = useMemo(() => {
    if (check === 'publish') return buildPublish(draft, { protocolVersion, capabilities }).errors ?? {};
    if (check === 'clear') return buildClearRetained(draft).errors ?? {};
    return {};
  }, [check, draft, protocolVersion, capabilities]);
  const size = useMemo(() => payloadSize(draft), [draft]);
  const suggestions = useMemo(() => suggestTopics(session.trie, draft.topic), [draft.topic]);

  const focusFirstError = (errs: DraftErrors) => {
    const first = FIELDS.find((f) => errs[f]);
    if (!first) return;
    if (first !== 'topic' && first !== 'payload') setPropsOpen(true);
    const target = first === 'properties' ? `${id}-props` : `${id}-${first}`;
    requestAnimationFrame(() => document.getElementById(target)?.focus());
  };

  const publish = () => {
    setCheck('publish');
    const r = buildPublish(draft, { protocolVersion, capabilities });
    if (r.errors) {
      clearOutcome(); // the last result was about another message
      return focusFirstError(r.errors);
    }
    if (isReservedTopic(draft.topic)) return setPending({ kind: 'reserved', request: r.request });
    publishDraft(draft, r.request);
  };

  const clearRetained = () => {
    setCheck('clear');
    const r = buildClearRetained(draft);
    if (r.errors) return focusFirstError(r.errors);
    setPending({ kind: 'clear', request: r.request });
  };

  const confirm = () => {
    if (pending?.kind === 'reserved') publishDraft(draft, pending.request);
    if (pending?.kind === 'clear') {
      publishDraft({ ...draft, payload: '', format: 'text', retain: true, properties: { ...draft.properties, userProperties: [] } }, pending.request);
    }
    if (pending?.kind === 'template') {
      if (!templateName.trim()) return setTemplateError('Give the template a name');
      saveTemplate(templateName.trim(), draft);
    }
    setPending(null);
  };

  return (
    <>
      <form
        className={styles.form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          publish();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            publish();
          }
        }}
      >
        <div className={styles.card}>
          <div className="field">
            <label htmlFor={`${id}-topic`}>Topic</label>
            <input
              id={`${id}-topic`}
              className={`input ${styles.topicInput}`}
              list={`${id}-topics`}
              autoComplete="off"
              spellCheck={false}
              placeholder="home/office/lamp"
              value={draft.topic}
              onChange={(e) => setDraft({ topic: e.target.value })}
              {...invalidProps(`${id}-topic`, errors.topic)}
            />
            <datalist id={`${id}-topics`}>
              {suggestions.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
            <FieldError id={`${id}-topic`} message={errors.topic} />
          </div>
          <PayloadField id={id} draft={draft} error={errors.payload} size={size} onInvalid={() => setCheck('publish')} />
          <QosAndRetain id={id} qos={draft.qos} retain={draft.retain} noRetain={retainUnavailable(capabilities)} maxQos={maxPublishQos(capabilities)} />
          <PropertiesEditor
            id={id}
            properties={draft.properties}
            errors={errors}
            open={propsOpen}
            onToggle={() => setPropsOpen((o) => !o)}
            protocolVersion={protocolVersion}
          />
        </div>
        <div className={styles.footer}>
          <div className={styles.actions}>
            <button type="submit" className="btn btn-primary">
              Publish
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setTemplateName('');
                setTemplateError(undefined);
                setPending({ kind: 'template' });
              }}
            >
              Save as template
            </button>
            <span className={styles.kbd}>
              or <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
            </span>
            <span className={styles.spacer} />
            <button type="button" className="btn btn-danger" onClick={clearRetained}>
              Clear retained message
            </button>
          </div>
          <OutcomeBar />
        </div>
      </form>
      {pending?.kind === 'reserved' && (
        <Dialog
          title="Publish to a reserved topic?"
          confirmLabel={`Publish to ${draft.topic}`}
          onConfirm={confirm}
          onCancel={() => setPending(null)}
        >
          <p>
            Topics starting with <code>$</code> are reserved for the broker (like <code>$SYS</code>). Many brokers refuse or
            ignore messages published there; if the broker refuses, its answer is shown.
          </p>
          <p className={styles.mono}>{draft.topic}</p>
        </Dialog>
      )}
      {pending?.kind === 'clear' && (
        <Dialog
          title="Clear the retained message?"
          confirmLabel={`Clear retained message on ${draft.topic}`}
          danger
          onConfirm={confirm}
          onCancel={() => setPending(null)}
        >
          <p>
            Publishes an empty retained message (QoS {draft.qos}) to the topic below. The broker then forgets the message it
            keeps for new subscribers. The payload you typed stays in the form.
          </p>
          <p className={styles.mono}>{draft.topic}</p>
        </Dialog>
      )}
      {pending?.kind === 'template' && (
        <Dialog title="Save as template" confirmLabel="Save" asForm onConfirm={confirm} onCancel={() => setPending(null)}>
          <div className="field">
            <label htmlFor={`${id}-tname`}>Template name</label>
            <input
              id={`${id}-tname`}
              className="input"
              value={templateName}
              onChange={(e) => setTemplateName(e.target.value)}
              {...invalidProps(`${id}-tname`, templateError)}
            />
            <FieldError id={`${id}-tname`} message={templateError} />
            <span className="field-hint">
              Saves topic, payload, format, QoS, retain and properties. A template with the same name is replaced.
            </span>
          </div>
        </Dialog>
      )}
    </>
  );
}

/** A radio group named "QoS" (radios 0, 1, 2), the Retain checkbox, and what the choice means. */
function QosAndRetain({ id, qos: wantedQos, retain: wanted, noRetain, maxQos }: { id: string; qos: Qos; retain: boolean; noRetain: boolean; maxQos: Qos }) {
  const retain = wanted && !noRetain;
  const qos = Math.min(wantedQos, maxQos) as Qos;
  return (
    <div className="field">
      <div className={styles.row}>
        <div className="field">
          <span className="field-label" id={`${id}-qos-label`}>
            QoS
          </span>
          <div role="radiogroup" aria-labelledby={`${id}-qos-label`} className={styles.segmented}>
            {([0, 1, 2] as const).map((q) => (
              <label key={q} className={styles.segment}>
                <input
                  type="radio"
                  name={`${id}-qos`}
                  checked={qos === q}
                  disabled={q > maxQos}
                  aria-describedby={q > maxQos ? `${id}-maxqos` : undefined}
                  onChange={() => setDraft({ qos: q })}
                />
                {q}
              </label>
            ))}
          </div>
        </div>
        <label className={`check ${styles.retain}`}>
          <input
            type="checkbox"
            checked={retain}
            disabled={noRetain}
            aria-describedby={noRetain ? `${id}-noretain` : undefined}
            onChange={(e) => setDraft({ retain: e.target.checked })}
          />
          Retain
        </label>
      </div>
      {maxQos < 2 && (
        <span id={`${id}-maxqos`} className="field-hint">
          {qosUnavailableReason(maxQos)}
        </span>
      )}
      {noRetain && (
        <span id={`${id}-noretain`} className="field-hint">
          {RETAIN_UNAVAILABLE_REASON}
        </span>
      )}
      <span className={`field-hint ${styles.qosHint}`}>
        QoS {qos}: {QOS_HINT[qos]}
        {retain ? '. Retained: the broker keeps it for subscribers that come later.' : '.'}
      </span>
    </div>
  );
}
