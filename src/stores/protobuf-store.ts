/**
 * The Protobuf decoders (issue 13): uploaded .proto files and topic filter → message type
 * mappings, persisted as `switchyard.protobuf` (checked by protobufLoader, protobuf-schema.ts,
 * registered in start-schemas.ts). app/live.ts sends them to the worker with the Decode as rules.
 * The files are checked (compiled) on the Decoders page before they get here.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { ProtobufConfig, ProtoFile, ProtoMapping } from '../core/protobuf-decoders';
import { persistOptions, type PersistSpec } from './persisted';
import { STORE_KEYS } from './store-keys';

export type ProtobufState = ProtobufConfig;

export const PROTOBUF_PERSIST: PersistSpec<ProtobufState> = {
  key: STORE_KEYS.protobuf,
  what: 'Protobuf decoders (.proto files and mappings)',
  version: 1,
  migrations: {},
  // Checked by protobufLoader (protobuf-schema.ts, registered by start-schemas.ts).
};

export const useProtobufStore = create<ProtobufState>()(
  persist((): ProtobufState => ({ files: [], mappings: [] }), persistOptions<ProtobufState, ProtobufState>(PROTOBUF_PERSIST)),
);

/** The files after adding `added` (a file with the same name is replaced, in its place). */
export function withFiles(files: readonly ProtoFile[], added: readonly ProtoFile[]): ProtoFile[] {
  const out = files.slice();
  for (const f of added) {
    const i = out.findIndex((x) => x.name === f.name);
    if (i >= 0) out[i] = f;
    else out.push(f);
  }
  return out;
}

/** Stores files already checked together with the others (`withFiles`). */
export function setProtoFiles(files: ProtoFile[]): void {
  useProtobufStore.setState({ files });
}

/** Adds a mapping, or changes the type of the filter's existing one. */
export function setMapping(m: ProtoMapping): void {
  const rest = useProtobufStore.getState().mappings.filter((x) => x.filter !== m.filter);
  useProtobufStore.setState({ mappings: [...rest, m] });
}

export function removeMapping(filter: string): void {
  useProtobufStore.setState({ mappings: useProtobufStore.getState().mappings.filter((x) => x.filter !== filter) });
}

/** Adds an imported set to what is stored: same-named files and same filters are replaced. */
export function importProtobufConfig(config: ProtobufConfig): { files: number; mappings: number; replaced: number } {
  const s = useProtobufStore.getState();
  const replaced = config.files.filter((f) => s.files.some((x) => x.name === f.name && x.text !== f.text)).length +
    config.mappings.filter((m) => s.mappings.some((x) => x.filter === m.filter && x.messageType !== m.messageType)).length;
  const filters = new Set(config.mappings.map((m) => m.filter));
  useProtobufStore.setState({
    files: withFiles(s.files, config.files),
    mappings: [...s.mappings.filter((m) => !filters.has(m.filter)), ...config.mappings],
  });
  return { files: config.files.length, mappings: config.mappings.length, replaced };
}
