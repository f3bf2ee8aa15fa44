/**
 * zod checks of the Protobuf decoders (issue 13): what `switchyard.protobuf` holds (registered by
 * start-schemas.ts, loaded only when something is stored) and what an imported file must be
 * (stricter: a bad item refuses the whole file, with the reason, and nothing is changed).
 */
import '../core/zod-config';
import * as z from 'zod/mini';
import type { ProtobufConfig } from '../core/protobuf-decoders';
import { PROTO_LIMITS, PROTOBUF_FILE_KIND } from '../core/protobuf-file';
import { validateFilter } from '../core/topic-filter';
import { listOf, schemaLoader } from './schema-helpers';
import type { ProtobufState } from './protobuf-store';

const fileName = z.string().check(
  z.minLength(1),
  z.maxLength(PROTO_LIMITS.name),
  z.refine((n) => !/[\0\r\n]/.test(n), 'a file name must be one line'),
);
const protoFile = z.object({ name: fileName, text: z.string().check(z.maxLength(PROTO_LIMITS.fileBytes)) });
const messageType = z.string().check(z.minLength(1), z.maxLength(PROTO_LIMITS.name), z.regex(/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/, 'not a message type name'));
const filter = z.string().check(
  z.minLength(1),
  z.maxLength(65535),
  z.refine((f) => validateFilter(f) === null, 'not a valid topic filter'),
);
const mapping = z.object({ filter, messageType });

/** Stored: bad items are dropped (and reported), duplicates too (the first is kept). */
export const protobufLoader = schemaLoader<ProtobufState>(
  z.object({ files: listOf(protoFile, PROTO_LIMITS.files), mappings: listOf(mapping, PROTO_LIMITS.mappings) }),
  (s) => {
    const before = s.files.length + s.mappings.length;
    const names = new Set<string>();
    s.files = s.files.filter((f) => !names.has(f.name) && !!names.add(f.name));
    const filters = new Set<string>();
    s.mappings = s.mappings.filter((m) => !filters.has(m.filter) && !!filters.add(m.filter));
    return s.files.length + s.mappings.length !== before;
  },
);

const exportFile = z.object({
  kind: z.literal(PROTOBUF_FILE_KIND),
  version: z.literal(1),
  files: z.array(protoFile).check(z.maxLength(PROTO_LIMITS.files)),
  mappings: z.array(mapping).check(z.maxLength(PROTO_LIMITS.mappings)),
});

/** An Export file read back: the config, or what is wrong with it (the first problem, with where). */
export function parseProtobufFile(text: string): { ok: true; config: ProtobufConfig } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `it is not JSON (${(e as Error).message})` };
  }
  if (typeof json !== 'object' || json === null || (json as { kind?: unknown }).kind !== PROTOBUF_FILE_KIND) {
    return { ok: false, error: `it is not a Switchyard protobuf decoders file (no "kind": "${PROTOBUF_FILE_KIND}")` };
  }
  if ((json as { version?: unknown }).version !== 1) return { ok: false, error: `version ${String((json as { version?: unknown }).version)} is not one this Switchyard reads (1)` };
  const r = exportFile.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'the file';
    return { ok: false, error: `${where}: ${issue.message}` };
  }
  const names = new Set<string>();
  for (const f of r.data.files) {
    if (names.has(f.name)) return { ok: false, error: `two files are named ${f.name}` };
    names.add(f.name);
  }
  return { ok: true, config: { files: r.data.files, mappings: r.data.mappings } };
}
