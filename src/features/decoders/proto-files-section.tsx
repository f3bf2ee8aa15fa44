/** The Decoders page's .proto files: add (choose files or paste), list, remove. Problems come back with file, line and column. */
import { useId, useRef, useState } from 'react';
import { Field } from '../../components/field';
import { Icon } from '../../components/icons';
import { formatBytesIEC } from '../../lib/format-bytes';
import type { ProtoFile } from '../../core/protobuf-decoders';
import { PROTO_LIMITS } from '../../core/protobuf-file';
import type { ProtoProblem } from '../../mqtt/decoders/proto-schema';
import type { ProtoTypes } from '../../hooks/use-proto-types';
import { RemovableTable } from './removable-table';
import styles from './decoders.module.css';

type Refusal = { problem: ProtoProblem; text: string };

const COLUMNS = [{ label: 'Name', className: styles.colName }, { label: 'Message types' }, { label: 'Size', className: styles.colSize }];

interface Props {
  files: readonly ProtoFile[];
  types: ProtoTypes | undefined;
  /** Checks and stores; a refusal is shown here. */
  onAdd: (files: ProtoFile[]) => Refusal | null;
  onRemove: (name: string) => void;
}

export function ProtoFilesSection({ files, types, onAdd, onRemove }: Props) {
  const headingId = useId();
  const chooser = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [source, setSource] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<(Refusal & { lineText?: string }) | null>(null);

  const add = (added: ProtoFile[]) => {
    const r = onAdd(added);
    const lineText = r?.problem.line !== undefined ? added.concat(files).find((f) => f.name === r.problem.file)?.text.split('\n')[r.problem.line - 1] : undefined;
    setRefusal(r ? { ...r, lineText } : null);
    return r === null;
  };

  const addPasted = () => {
    const n = name.trim();
    if (!n) return setNameError('Give the file a name, such as reading.proto (imports name files by it)');
    if (/[\0\r\n]/.test(n) || n.length > PROTO_LIMITS.name) return setNameError('A file name must be one line of at most 500 characters');
    setNameError(undefined);
    if (add([{ name: n, text: source }])) {
      setName('');
      setSource('');
    }
  };

  const addChosen = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const chosen: ProtoFile[] = [];
    for (const f of Array.from(list)) {
      if (f.size > PROTO_LIMITS.fileBytes) {
        setRefusal({ problem: { file: f.name, message: 'over 1 MB' }, text: `${f.name}: the file is over 1 MB.` });
        return;
      }
      chosen.push({ name: f.name, text: await f.text() });
    }
    add(chosen);
  };

  const describeTypes = (f: ProtoFile) => {
    if (!types) return '…';
    const own = types.byFile[f.name] ?? [];
    return own.length ? own.join(', ') : '—';
  };

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId}>.proto files</h2>
      <div className={styles.addForm}>
        <div className={styles.chooseRow}>
          <button type="button" className="btn" onClick={() => chooser.current?.click()}>
            <Icon name="upload" size={15} /> Add .proto files
          </button>
          <input
            ref={chooser}
            type="file"
            accept=".proto,text/plain"
            multiple
            hidden
            aria-label="Choose .proto files"
            onChange={(e) => {
              void addChosen(e.target.files);
              e.target.value = '';
            }}
          />
          <span className={styles.hint}>Choose several at once when they import one another; well-known types (google/protobuf/timestamp.proto, …) need no upload.</span>
        </div>
        <p className={styles.or}>or paste one:</p>
        <div className={styles.pasteGrid}>
          <Field label="File name" error={nameError}>
            {(p) => <input {...p} className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="reading.proto" spellCheck={false} />}
          </Field>
          <Field label="Proto source" className={styles.sourceField}>
            {(p) => (
              <textarea
                {...p}
                className={`input ${styles.source}`}
                value={source}
                onChange={(e) => setSource(e.target.value)}
                rows={7}
                spellCheck={false}
                placeholder={'syntax = "proto3";\npackage factory;\n\nmessage Reading {\n  string sensor = 1;\n  double value = 2;\n}'}
              />
            )}
          </Field>
          <div>
            <button type="button" className="btn btn-primary" onClick={addPasted}>
              <Icon name="plus" size={15} /> Add file
            </button>
          </div>
        </div>
        {refusal && (
          <div role="alert" className={styles.problem}>
            <p>Not added: {refusal.text}</p>
            {refusal.lineText !== undefined && (
              <pre className={styles.problemLine} aria-label="The line with the problem">
                {`${refusal.problem.line} | ${refusal.lineText}\n${' '.repeat(String(refusal.problem.line).length + 3)}${refusal.problem.column ? `${' '.repeat(refusal.problem.column - 1)}^` : ''}`}
              </pre>
            )}
          </div>
        )}
      </div>
      <RemovableTable
        label="Proto files"
        columns={COLUMNS}
        items={files}
        itemKey={(f) => f.name}
        cells={(f) => (
          <>
            <td className={styles.mono}>{f.name}</td>
            <td className={`${styles.mono} ${styles.typesCell}`}>{describeTypes(f)}</td>
            <td className={styles.num}>{formatBytesIEC(new TextEncoder().encode(f.text).length)}</td>
          </>
        )}
        removeLabel={(f) => `Remove ${f.name}`}
        onRemove={(f) => onRemove(f.name)}
        empty="No .proto files yet. Add the files that describe your payloads, then map topic filters to their message types above."
      />
    </section>
  );
}

