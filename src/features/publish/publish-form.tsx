import { useId, useMemo, useState } from 'react';
import { useSessionStore } from '../../stores/session-store';
import { maxPublishQos, retainUnavailable } from '../../mqtt/capabilities';
import { countProperties, saveTemplate, usePublishStore, type PublishDraft } from '../../stores/publish-store';
import { payloadSize } from './validate-draft';
import { Dialog } from '../../components/dialog';
import { FormDialog } from '../../components/form-dialog';
import { FieldError, invalidProps } from './field-error';
import { OutcomeBar } from './outcome-bar';
import { PayloadField } from './payload-field';
import { PropertiesEditor } from './properties-editor';
import { QosAndRetain } from './qos-retain';
import { TopicField } from './topic-field';
import { useSendDraft, type Pending } from './use-send-draft';
import styles from './publish.module.css';

/** The Publish form: topic, payload, QoS, retain, properties, and its actions. */
export function PublishForm() {
  const id = useId();
  const draft = usePublishStore((s) => s.draft);
  const protocolVersion = useSessionStore((s) => s.protocolVersion);
  const capabilities = useSessionStore((s) => (s.state === 'connected' ? s.capabilities : undefined));
  const [propsOpen, setPropsOpen] = useState(() => countProperties(draft.properties) > 0);
  const send = useSendDraft({ id, draft, protocolVersion, capabilities, openProperties: () => setPropsOpen(true) });
  const size = useMemo(() => payloadSize(draft), [draft]);

  return (
    <>
      <form
        className={styles.form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          send.publish();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send.publish();
          }
        }}
      >
        <div className={styles.card}>
          <TopicField id={id} topic={draft.topic} error={send.errors.topic} />
          <PayloadField id={id} draft={draft} error={send.errors.payload} size={size} onInvalid={send.showPublishErrors} />
          <QosAndRetain id={id} qos={draft.qos} retain={draft.retain} noRetain={retainUnavailable(capabilities)} maxQos={maxPublishQos(capabilities)} />
          <PropertiesEditor
            id={id}
            properties={draft.properties}
            errors={send.errors}
            open={propsOpen}
            onToggle={() => setPropsOpen((o) => !o)}
            protocolVersion={protocolVersion}
          />
        </div>
        <PublishFooter onSaveTemplate={send.saveAsTemplate} onClearRetained={send.clearRetained} />
      </form>
      {send.pending && <PendingDialog id={id} pending={send.pending} draft={draft} onConfirm={send.confirm} onClose={send.closePending} />}
    </>
  );
}

/** Publish (the form's submit), Save as template, the shortcut, Clear retained message, and the last outcome. */
function PublishFooter({ onSaveTemplate, onClearRetained }: { onSaveTemplate: () => void; onClearRetained: () => void }) {
  return (
    <div className={styles.footer}>
      <div className={styles.actions}>
        <button type="submit" className="btn btn-primary">
          Publish
        </button>
        <button type="button" className="btn" onClick={onSaveTemplate}>
          Save as template
        </button>
        <span className={styles.kbd}>
          or <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
        </span>
        <span className={styles.spacer} />
        <button type="button" className="btn btn-danger" onClick={onClearRetained}>
          Clear retained message
        </button>
      </div>
      <OutcomeBar />
    </div>
  );
}

interface PendingProps {
  id: string;
  pending: Pending;
  draft: PublishDraft;
  onConfirm: () => void;
  onClose: () => void;
}

/** The confirmation the form is waiting for: a reserved ($) topic, clearing the retained message, or a template's name. */
function PendingDialog({ id, pending, draft, onConfirm, onClose }: PendingProps) {
  if (pending.kind === 'template') return <SaveTemplateDialog id={id} draft={draft} onClose={onClose} />;
  if (pending.kind === 'reserved') {
    return (
      <Dialog title="Publish to a reserved topic?" confirmLabel={`Publish to ${draft.topic}`} onConfirm={onConfirm} onCancel={onClose}>
        <p>
          Topics starting with <code>$</code> are reserved for the broker (like <code>$SYS</code>). Many brokers refuse or
          ignore messages published there; if the broker refuses, its answer is shown.
        </p>
        <p className={styles.mono}>{draft.topic}</p>
      </Dialog>
    );
  }
  return (
    <Dialog title="Clear the retained message?" confirmLabel={`Clear retained message on ${draft.topic}`} danger onConfirm={onConfirm} onCancel={onClose}>
      <p>
        Publishes an empty retained message (QoS {draft.qos}) to the topic below. The broker then forgets the message it
        keeps for new subscribers. The payload you typed stays in the form.
      </p>
      <p className={styles.mono}>{draft.topic}</p>
    </Dialog>
  );
}

/** Save as template: a name (required), then the draft is saved under it. */
function SaveTemplateDialog({ id, draft, onClose }: { id: string; draft: PublishDraft; onClose: () => void }) {
  const [templateName, setTemplateName] = useState('');
  const [templateError, setTemplateError] = useState<string | undefined>();
  const save = () => {
    if (!templateName.trim()) return setTemplateError('Give the template a name');
    saveTemplate(templateName.trim(), draft);
    onClose();
  };
  return (
    <FormDialog title="Save as template" onSave={save} onCancel={onClose}>
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
    </FormDialog>
  );
}
