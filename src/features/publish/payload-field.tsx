import { useState } from 'react';
import { convertPayload, PAYLOAD_FORMATS, reformatJson, type PayloadFormat } from '../../core/payload-encode';
import { setDraft, type PublishDraft } from '../../stores/publish-store';
import { FieldError, invalidProps } from './field-error';
import styles from './publish.module.css';

interface Props {
  id: string;
  draft: PublishDraft;
  error?: string;
  /** Asks the form to show the payload's error (Prettify / Minify on invalid JSON). */
  onInvalid: () => void;
  size?: number;
}

const FORMAT_LABEL = Object.fromEntries(PAYLOAD_FORMATS.map((f) => [f.value, f.label])) as Record<PayloadFormat, string>;

/** Payload textarea with its Format, JSON tools, byte count, and a note after a format conversion. */
export function PayloadField({ id, draft, error, onInvalid, size }: Props) {
  /** After converting the payload to another format: what was typed before, to keep it instead. */
  const [convertedNote, setConverted] = useState<{ text: string; from: PayloadFormat; to: PayloadFormat; result: string } | null>(null);
  const [keptNote, setKept] = useState<{ message: string; payload: string; format: PayloadFormat } | null>(null);
  // A note only holds while the payload is still what it was about (not after edits or a reuse).
  const converted = convertedNote?.result === draft.payload && convertedNote.to === draft.format ? convertedNote : null;
  const kept = keptNote?.payload === draft.payload && keptNote.format === draft.format ? keptNote.message : null;

  const changeFormat = (to: PayloadFormat) => {
    const from = draft.format;
    const r = convertPayload(draft.payload, from, to);
    setKept(null);
    if ('text' in r) {
      setConverted(r.text !== draft.payload ? { text: draft.payload, from, to, result: r.text } : null);
      setDraft({ format: to, payload: r.text });
    } else {
      setConverted(null);
      setKept({
        message: `Payload kept as typed: it could not be converted from ${FORMAT_LABEL[from]} (${r.error}).`,
        payload: draft.payload,
        format: to,
      });
      setDraft({ format: to });
    }
  };

  const reformat = (indent: number) => {
    const r = reformatJson(draft.payload, indent);
    if ('text' in r) setDraft({ payload: r.text });
    else onInvalid();
  };

  return (
    <div className="field">
      <div className={styles.payloadHead}>
        <label htmlFor={`${id}-payload`} className="field-label">
          Payload
        </label>
        <div className={styles.payloadTools}>
          {draft.format === 'json' && (
            <>
              <button type="button" className="btn btn-sm" onClick={() => reformat(2)}>
                Prettify
              </button>
              <button type="button" className="btn btn-sm" onClick={() => reformat(0)}>
                Minify
              </button>
            </>
          )}
          <label htmlFor={`${id}-format`}>Format</label>
          <select
            id={`${id}-format`}
            className={`input ${styles.formatSelect}`}
            value={draft.format}
            onChange={(e) => changeFormat(e.target.value as PayloadFormat)}
          >
            {PAYLOAD_FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <textarea
        id={`${id}-payload`}
        className={`input ${styles.payloadArea}`}
        rows={8}
        spellCheck={false}
        value={draft.payload}
        placeholder={PLACEHOLDER[draft.format]}
        onChange={(e) => setDraft({ payload: e.target.value })}
        {...invalidProps(`${id}-payload`, error)}
      />
      {converted && (
        <div className={styles.note}>
          <span>
            Converted from {FORMAT_LABEL[converted.from]} to {FORMAT_LABEL[converted.to]}: the same bytes.
          </span>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => {
              setDraft({ payload: converted.text });
              setConverted(null);
            }}
          >
            Keep text as typed
          </button>
        </div>
      )}
      {kept && <div className={styles.note}>{kept}</div>}
      <FieldError id={`${id}-payload`} message={error} />
      <div className={styles.payloadFoot}>
        <span className="field-hint tabular">
          {size === undefined ? 'Not valid yet' : `${size.toLocaleString()} ${size === 1 ? 'byte' : 'bytes'}`}
          {size === 0 && ' (an empty payload)'}
        </span>
        <span className="field-hint">{HINT[draft.format]}</span>
      </div>
    </div>
  );
}

const PLACEHOLDER: Record<PayloadFormat, string> = {
  text: 'on',
  json: '{"state": "ON"}',
  hex: 'de ad be ef',
  base64: '3q2+7w==',
};

const HINT: Record<PayloadFormat, string> = {
  text: 'Sent as UTF-8 text',
  json: 'Checked, then sent exactly as typed (UTF-8)',
  hex: 'Two hex digits per byte; spaces and 0x are ignored',
  base64: 'Standard or URL-safe base64',
};
