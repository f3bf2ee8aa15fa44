/**
 * The Message panel's payload with its decoders (issue 13): the **Decode as** choice (remembered
 * per topic, stores/decode-as-store.ts) and what the worker decoded — Sparkplug B as a **Metrics**
 * table with the seq-gap note, MessagePack / CBOR like JSON — with the original bytes always
 * there (Raw payload, viewable as hex). A payload the decoder refused is shown as usual (text,
 * JSON or hex) with the reason. Everything is rendered as text.
 */
import { lazy, Suspense, useId } from 'react';
import type { MqttMessage } from '../../core/message';
import { DECODE_CHOICES, FORMAT_LABEL, type DecodeChoice, type DecodedPayload, type SparkplugInfo } from '../../core/decoded';
import { isWanted, storedDecodings, wantedDecoding } from '../../mqtt/decoders/stored-decodings';
import { useModel } from '../../hooks/use-model';
import { decodeChoiceFor, setDecodeChoice, useDecodeAsStore } from '../../stores/decode-as-store';
import { mappingFor } from '../../core/protobuf-decoders';
// Loaded when Protobuf is chosen (it lists the .proto files' types): not on the Explorer's first load.
const ProtobufTypeSelect = lazy(() => import('./protobuf-type-select').then((m) => ({ default: m.ProtobufTypeSelect })));
import { PayloadView, type PayloadMode } from '../../components/payload-view';
import { MetricsTable } from '../../components/metrics-table';
import { formatTime, plural } from '../../lib/format';
import { ChartMetricButton, SparkplugNodeActions } from './sparkplug-actions';
import { DecodeScope, decodeScopeFor } from './decode-scope';
import styles from './decoded-view.module.css';

interface Props {
  topic: string;
  message: MqttMessage;
  truncated: boolean;
}

export function DecodedView({ topic, message, truncated }: Props) {
  const choice = useDecodeAsStore((s) => decodeChoiceFor(topic, s.rules));
  const rules = useDecodeAsStore((s) => s.rules);
  useModel(storedDecodings); // a decoding made here (below) is ready
  // The decoder chosen for the topic (a message that arrived before the choice is decoded here,
  // once: stored-decodings.ts; the worker decodes the next ones), else the worker's decoding.
  const byRules = wantedDecoding(topic, rules, message.decoded);
  const want = byRules && (byRules.chosen || isWanted(message.decoded, byRules)) ? byRules : undefined;
  const wanted = want?.format;
  const d = want ? storedDecodings.decodingOf(message, want) : undefined;
  const shown = wanted && d?.format === wanted && !d.error ? d : undefined;
  const prefer: PayloadMode | undefined = choice === 'text' || choice === 'json' || choice === 'hex' ? choice : undefined;
  return (
    <>
      <DecodeAs topic={topic} choice={choice} />
      {shown ? (
        <>
          {shown.sparkplug ? <SparkplugView topic={topic} info={shown.sparkplug} /> : <ValueView decoded={shown} />}
          <details className={styles.raw}>
            <summary>Raw payload ({plural(message.size, 'byte')})</summary>
            <PayloadView source={`${topic}\u0000raw`} payload={message.payload} truncated={truncated} prefer="hex" />
          </details>
        </>
      ) : (
        <>
          {wanted && d?.format === wanted && d.error && <p className={styles.reason}>Shown as it is: {d.error}</p>}
          {wanted && d?.format !== wanted && <p className={styles.reason}>Decoding as {FORMAT_LABEL[wanted]}…</p>}
          <PayloadView source={topic} payload={message.payload} truncated={truncated} prefer={prefer} />
        </>
      )}
    </>
  );
}

function DecodeAs({ topic, choice }: { topic: string; choice: DecodeChoice }) {
  const id = useId();
  return (
    <div className={styles.bar}>
      <label htmlFor={id}>Decode as</label>
      <select id={id} className="input" value={choice} onChange={(e) => chooseDecoder(topic, e.target.value as DecodeChoice)}>
        {DECODE_CHOICES.map((c) => (
          <option key={c.choice} value={c.choice}>
            {c.label}
          </option>
        ))}
      </select>
      <DecodeScope topic={topic} />
      {choice === 'protobuf' && (
        <Suspense fallback={null}>
          <ProtobufTypeSelect topic={topic} />
        </Suspense>
      )}
    </div>
  );
}

/** Protobuf starts with the type of the mapping that matches the topic, if any (it can be changed beside). */
function chooseDecoder(topic: string, choice: DecodeChoice) {
  const filter = decodeScopeFor(topic); // Apply to: the topic or a filter (decode-scope.tsx)
  if (choice !== 'protobuf') return setDecodeChoice(filter, choice);
  protobufState()
    .then(({ mappings }) => setDecodeChoice(filter, choice, mappingFor(topic, mappings)?.messageType))
    .catch(() => setDecodeChoice(filter, choice));
}

/** The .proto files and mappings (their store is not on the Explorer's first load). */
const protobufState = () => import('../../stores/protobuf-store').then((m) => m.useProtobufStore.getState());

function ValueView({ decoded }: { decoded: DecodedPayload }) {
  return (
    <>
      <p className={styles.summary}>
        Decoded as <strong>{FORMAT_LABEL[decoded.format]}</strong>
        {decoded.messageType && <> · <span className={styles.mono}>{decoded.messageType}</span></>}
      </p>
      {decoded.notes?.map((n) => (
        <p key={n} className={styles.warn} role="status">
          <span aria-hidden="true">⚠ </span>
          {n}
        </p>
      ))}
      <pre className={styles.json} aria-label="Decoded payload">
        {JSON.stringify(decoded.value, null, 2)}
      </pre>
    </>
  );
}

const time = (t: number) => `${new Date(t).toLocaleDateString()} ${formatTime(t)}`;

function SparkplugView({ topic, info }: { topic: string; info: SparkplugInfo }) {
  const where = [info.group, info.edgeNode, info.device].filter((x) => x !== undefined && x !== '').join(' / ');
  return (
    <>
      <p className={styles.summary}>
        Sparkplug B <strong>{info.messageType}</strong>
        {where && ` · ${where}`}
        {info.seq !== undefined && ` · seq ${info.seq}`}
        {info.timestamp !== undefined && ` · ${time(info.timestamp)}`}
      </p>
      {info.notes.map((n) => (
        <p key={n} className={styles.warn} role="status">
          <span aria-hidden="true">⚠ </span>
          {n}
        </p>
      ))}
      <SparkplugNodeActions info={info} />
      <MetricsTable
        metrics={info.metrics}
        time={(m) => {
          const t = m.timestamp ?? info.timestamp;
          return t !== undefined ? time(t) : '—';
        }}
        chart={(m) => <ChartMetricButton topic={topic} info={info} metric={m} />}
      />
    </>
  );
}
