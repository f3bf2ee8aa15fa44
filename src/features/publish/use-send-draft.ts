import { useMemo, useState } from 'react';
import type { PublishRequest } from '../../core/connection';
import { clearOutcome, type PublishDraft } from '../../stores/publish-store';
import { buildClearRetained, buildPublish, isReservedTopic, type BuildContext, type DraftErrors } from './validate-draft';
import { publishDraft } from './publish-actions';

/** Field order, for focusing the first error. */
const FIELDS = ['topic', 'payload', 'properties', 'contentType', 'messageExpiryInterval', 'responseTopic', 'correlationData', 'userProperties'] as const;

/** A confirmation the form is waiting for: publishing to a $ topic, clearing the retained message, or naming a template. */
export type Pending = { kind: 'reserved'; request: PublishRequest } | { kind: 'clear'; request: PublishRequest } | { kind: 'template' };

interface Options extends BuildContext {
  /** The form's id prefix: field `x` has the id `${id}-x`. */
  id: string;
  draft: PublishDraft;
  /** Opens the Properties section (an error there is about to be focused). */
  openProperties: () => void;
}

/**
 * Publish and Clear retained message for the form's draft: checks it (errors show once the
 * user tried to send, and follow the edits from then on), focuses the first error, asks
 * before a $ topic or a clear, and sends through publishDraft.
 */
export function useSendDraft({ id, draft, protocolVersion, capabilities, openProperties }: Options) {
  const [check, setCheck] = useState<'none' | 'publish' | 'clear'>('none');
  const [pending, setPending] = useState<Pending | null>(null);

  const errors: DraftErrors = useMemo(() => {
    if (check === 'publish') return buildPublish(draft, { protocolVersion, capabilities }).errors ?? {};
    if (check === 'clear') return buildClearRetained(draft).errors ?? {};
    return {};
  }, [check, draft, protocolVersion, capabilities]);

  const focusFirstError = (errs: DraftErrors) => {
    const first = FIELDS.find((f) => errs[f]);
    if (!first) return;
    if (first !== 'topic' && first !== 'payload') openProperties();
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

  /** Sends what the open confirmation was about (the template dialog saves by itself). */
  const confirm = () => {
    if (pending?.kind === 'reserved') publishDraft(draft, pending.request);
    if (pending?.kind === 'clear') {
      publishDraft({ ...draft, payload: '', format: 'text', retain: true, properties: { ...draft.properties, userProperties: [] } }, pending.request);
    }
    setPending(null);
  };

  return {
    errors,
    pending,
    publish,
    clearRetained,
    confirm,
    /** Shows the payload's error now (Prettify / Minify on invalid JSON). */
    showPublishErrors: () => setCheck('publish'),
    saveAsTemplate: () => setPending({ kind: 'template' }),
    closePending: () => setPending(null),
  };
}
