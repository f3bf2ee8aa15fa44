/**
 * Beside **Decode as** when it is Protobuf: the **Message type** to decode this topic as, from
 * the .proto files uploaded on the Decoders page (compiled on demand, hooks/use-proto-types.ts).
 */
import { useId } from 'react';
import { decodeAsRuleFor, setDecodeChoice, useDecodeAsStore } from '../../stores/decode-as-store';
import { useProtobufStore } from '../../stores/protobuf-store';
import { useProtoTypes } from '../../hooks/use-proto-types';
import { useNavigate } from '../../hooks/use-navigation';
import styles from './decoded-view.module.css';

export function ProtobufTypeSelect({ topic }: { topic: string }) {
  const id = useId();
  const navigate = useNavigate();
  const files = useProtobufStore((s) => s.files);
  const chosen = useDecodeAsStore((s) => decodeAsRuleFor(topic, s.rules)?.messageType) ?? '';
  const types = useProtoTypes(files);
  const toDecoders = (
    <a
      href="/decoders"
      onClick={(e) => {
        e.preventDefault();
        navigate('/decoders');
      }}
    >
      Decoders
    </a>
  );
  if (files.length === 0) return <span className={styles.muted}>No .proto files yet: add them on the {toDecoders} page.</span>;
  if (!types) return <span className={styles.muted}>Reading the .proto files…</span>;
  const options = chosen && !types.types.includes(chosen) ? [chosen, ...types.types] : types.types;
  return (
    <>
      <label htmlFor={id}>Message type</label>
      <select id={id} className="input" value={chosen} onChange={(e) => setDecodeChoice(decodeAsRuleFor(topic)?.filter ?? topic, 'protobuf', e.target.value)}>
        {!chosen && (
          <option value="" disabled>
            Choose a message type…
          </option>
        )}
        {options.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      {types.problem && <span className={styles.muted}>The .proto files do not compile ({types.problem}): fix them on the {toDecoders} page.</span>}
    </>
  );
}
