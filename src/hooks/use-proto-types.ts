/**
 * The message types of the uploaded .proto files (issue 13), for the Decoders page's mappings and
 * the Message panel's Decode as: the files are compiled on the main thread only when a view asks
 * (the compiler's code is loaded then), once per set of files.
 */
import { useEffect, useState } from 'react';
import type { ProtoFile } from '../core/protobuf-decoders';
import type { ProtoCompiled } from '../mqtt/decoders/proto-schema';

export type ProtoTypes = { types: string[]; byFile: Record<string, string[]>; problem?: string };

const EMPTY: ProtoTypes = { types: [], byFile: {} };
const cache = new WeakMap<readonly ProtoFile[], ProtoTypes>();

export function protoTypesOf(compiled: ProtoCompiled, describe: (p: Extract<ProtoCompiled, { ok: false }>['problem']) => string): ProtoTypes {
  return compiled.ok ? { types: compiled.messageTypes, byFile: compiled.byFile } : { types: [], byFile: {}, problem: describe(compiled.problem) };
}

/** `undefined` while the compiler loads. */
export function useProtoTypes(files: readonly ProtoFile[]): ProtoTypes | undefined {
  const [state, setState] = useState<{ files: readonly ProtoFile[]; types: ProtoTypes } | undefined>(undefined);
  const cached = cache.get(files);
  useEffect(() => {
    if (cache.has(files)) return;
    let live = true;
    import('../mqtt/decoders/proto-schema')
      .then(({ compileProtos, describeProblem }) => {
        const types = protoTypesOf(compileProtos(files), describeProblem);
        cache.set(files, types);
        if (live) setState({ files, types });
      })
      .catch((e: unknown) => live && setState({ files, types: { types: [], byFile: {}, problem: `the .proto compiler could not be loaded (${(e as Error)?.message || String(e)})` } }));
    return () => {
      live = false;
    };
  }, [files]);
  if (files.length === 0) return EMPTY;
  return cached ?? (state?.files === files ? state.types : undefined);
}
