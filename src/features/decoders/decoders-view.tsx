/**
 * The Decoders page (issue 13): Protocol Buffers' .proto files (added from files or pasted,
 * compiled together before anything is stored: a problem is shown with its file, line and column)
 * and the mappings from topic filters to message types, which the MQTT worker decodes with;
 * Export / Import of both as one JSON file. Loaded on first visit.
 */
import { useMemo, useRef, useState } from 'react';
import { Icon } from '../../components/icons';
import { SettingsPage, type PageNotice } from '../../components/settings-page';
import { byPrecedence, type ProtoFile } from '../../core/protobuf-decoders';
import { serializeProtobufConfig, PROTO_LIMITS } from '../../core/protobuf-file';
import { compileProtos, describeProblem, type ProtoProblem } from '../../mqtt/decoders/proto-schema';
import { importProtobufConfig, removeMapping, setMapping, setProtoFiles, useProtobufStore, withFiles } from '../../stores/protobuf-store';
import { parseProtobufFile } from '../../stores/protobuf-schema';
import { useProtoTypes } from '../../hooks/use-proto-types';
import { ProtoFilesSection } from './proto-files-section';
import { MappingsSection } from './mappings-section';
import { DecodeAsSection } from './decode-as-section';
import styles from './decoders.module.css';

export const EXPORT_NAME = 'switchyard-protobuf-decoders.json';

/** Checks `files` together; the problem (with its line shown) or null. */
export function checkFiles(files: readonly ProtoFile[]): { problem: ProtoProblem; text: string } | null {
  const c = compileProtos(files);
  return c.ok ? null : { problem: c.problem, text: describeProblem(c.problem) };
}

export function DecodersView() {
  const files = useProtobufStore((s) => s.files);
  const mappings = useProtobufStore((s) => s.mappings);
  const types = useProtoTypes(files);
  const [notice, setNotice] = useState<PageNotice | null>(null);
  const importRef = useRef<HTMLInputElement>(null);
  const ordered = useMemo(() => byPrecedence(mappings), [mappings]);

  const exportAll = () => {
    const url = URL.createObjectURL(new Blob([serializeProtobufConfig({ files, mappings })], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = EXPORT_NAME;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const importFile = async (file: File) => {
    const fail = (why: string) => setNotice({ kind: 'error', text: `Import failed: ${file.name}: ${why}. Nothing was changed.` });
    if (file.size > PROTO_LIMITS.totalBytes * 2) return fail('the file is too large');
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      return fail(`it could not be read (${(e as Error).message})`);
    }
    const parsed = parseProtobufFile(text);
    if (!parsed.ok) return fail(parsed.error);
    const all = withFiles(files, parsed.config.files);
    const compiled = compileProtos(all);
    if (!compiled.ok) return fail(`its .proto files do not compile: ${describeProblem(compiled.problem)}`);
    const missing = parsed.config.mappings.find((m) => !compiled.messageTypes.includes(m.messageType));
    if (missing) return fail(`the mapping of ${missing.filter} names ${missing.messageType}, which no .proto file declares`);
    if (all.reduce((n, f) => n + f.text.length, 0) > PROTO_LIMITS.totalBytes) return fail('with it, the .proto files would be over 2 MB');
    const r = importProtobufConfig(parsed.config);
    const replaced = r.replaced ? ` (${r.replaced} replaced)` : '';
    setNotice({ kind: 'ok', text: `Imported ${r.files} .proto ${r.files === 1 ? 'file' : 'files'} and ${r.mappings} ${r.mappings === 1 ? 'mapping' : 'mappings'}${replaced}.` });
  };

  return (
    <SettingsPage
      title="Decoders"
      sub={
        <>
          Protocol Buffers · {files.length} .proto {files.length === 1 ? 'file' : 'files'} · {mappings.length} {mappings.length === 1 ? 'mapping' : 'mappings'}
        </>
      }
      notice={notice}
      buttons={
        <>
          <button type="button" className="btn" onClick={() => importRef.current?.click()}>
            <Icon name="upload" size={15} /> Import
          </button>
          <input
            ref={importRef}
            type="file"
            accept="application/json,.json"
            hidden
            aria-label="Import decoders file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file);
              e.target.value = '';
            }}
          />
          <button type="button" className="btn" onClick={exportAll} disabled={files.length === 0 && mappings.length === 0}>
            <Icon name="download" size={15} /> Export
          </button>
        </>
      }
    >
      <p className={styles.intro}>
        Payloads on a mapped topic are decoded in the background as the message type you choose and shown like JSON in the Explorer&apos;s Message panel
        (64-bit integers as text, bytes as base64, enums by name), ready to chart. Sparkplug B, MessagePack and CBOR need nothing here: pick them with{' '}
        <strong>Decode as</strong> in the Message panel.
      </p>
      <div className={styles.sections}>
        <MappingsSection ordered={ordered} types={types} onNotice={setNotice} onAdd={setMapping} onRemove={removeMapping} />
        <DecodeAsSection />
        <ProtoFilesSection
          files={files}
          types={types}
          onAdd={(added) => {
            const all = withFiles(files, added);
            const bad = checkFiles(all);
            if (bad) return bad;
            if (all.reduce((n, f) => n + f.text.length, 0) > PROTO_LIMITS.totalBytes) return { problem: { file: added[0]?.name ?? '', message: 'the .proto files would be over 2 MB together' }, text: 'The .proto files would be over 2 MB together.' };
            setProtoFiles(all);
            const replaced = added.filter((f) => files.some((x) => x.name === f.name)).length;
            setNotice({ kind: 'ok', text: `Added ${added.map((f) => f.name).join(', ')}${replaced ? ` (${replaced} replaced)` : ''}.` });
            return null;
          }}
          onRemove={(name) => {
            const rest = files.filter((f) => f.name !== name);
            const bad = checkFiles(rest);
            if (bad) {
              setNotice({ kind: 'error', text: `${name} was not removed: without it, ${bad.text}` });
              return;
            }
            setProtoFiles(rest);
            setNotice({ kind: 'ok', text: `Removed ${name}.` });
          }}
        />
      </div>
    </SettingsPage>
  );
}
