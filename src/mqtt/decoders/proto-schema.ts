/**
 * .proto files the user uploaded (issue 13), compiled for decoding without eval: protobufjs 8
 * parses the text (its parser and reflection never generate code; its encoders/decoders, which
 * do, are never called), the parsed types are written out as descriptors
 * (google.protobuf.FileDescriptorProto), and @bufbuild/protobuf builds a registry from them whose
 * reflective `fromBinary` / `toJson` decode payloads (protobuf-decoder.ts). Well-known types
 * (google/protobuf/timestamp.proto, any, duration, empty, field_mask, struct, wrappers) can be
 * imported without uploading them. Used in the worker and, for the Decoders page and Decode as,
 * on the main thread — always loaded lazily.
 *
 * Errors name the file, and the line and column where they can be told.
 */
import { parse, Enum, Field, MapField, Namespace, OneOf, Root, Type, common, type ReflectionObject } from 'protobufjs';
import { create } from '@bufbuild/protobuf';
import { createFileRegistry, type FileRegistry } from '@bufbuild/protobuf';
import {
  DescriptorProtoSchema,
  EnumDescriptorProtoSchema,
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FieldDescriptorProtoSchema,
  FileDescriptorProtoSchema,
  FileDescriptorSetSchema,
  OneofDescriptorProtoSchema,
  EnumValueDescriptorProtoSchema,
  FieldOptionsSchema,
  EnumOptionsSchema,
  FeatureSetSchema,
  file_google_protobuf_any,
  file_google_protobuf_duration,
  file_google_protobuf_empty,
  file_google_protobuf_field_mask,
  file_google_protobuf_struct,
  file_google_protobuf_timestamp,
  file_google_protobuf_wrappers,
  Edition,
  type DescriptorProto,
  type EnumDescriptorProto,
  type FieldDescriptorProto,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import type { ProtoFile } from '../../core/protobuf-decoders';

export interface ProtoProblem {
  /** The file the problem is in ('' when it is about the whole set). */
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export type ProtoCompiled =
  | { ok: true; registry: FileRegistry; messageTypes: string[]; byFile: Record<string, string[]> }
  | { ok: false; problem: ProtoProblem };

/** `reading.proto, line 4, column 3: illegal token 'int32'` */
export function describeProblem(p: ProtoProblem): string {
  const where = [p.file, p.line !== undefined ? `line ${p.line}` : '', p.column !== undefined ? `column ${p.column}` : ''].filter(Boolean).join(', ');
  return where ? `${where}: ${p.message}` : p.message;
}

/** The well-known files a .proto may import without uploading them (both libraries have them). */
const WELL_KNOWN: Record<string, FileDescriptorProto> = {
  'google/protobuf/any.proto': file_google_protobuf_any.proto,
  'google/protobuf/duration.proto': file_google_protobuf_duration.proto,
  'google/protobuf/empty.proto': file_google_protobuf_empty.proto,
  'google/protobuf/field_mask.proto': file_google_protobuf_field_mask.proto,
  'google/protobuf/struct.proto': file_google_protobuf_struct.proto,
  'google/protobuf/timestamp.proto': file_google_protobuf_timestamp.proto,
  'google/protobuf/wrappers.proto': file_google_protobuf_wrappers.proto,
};

class Problem extends Error {
  constructor(readonly problem: ProtoProblem) {
    super(describeProblem(problem));
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Line and column (1-based) of the first whole-word `word` in `text` from line `fromLine` on. */
function locate(text: string, word: string, fromLine = 1): { line: number; column: number } | undefined {
  const lines = text.split('\n');
  const re = new RegExp(`(^|[^\\w.])${escapeRe(word)}(?![\\w])`);
  for (let i = Math.max(0, fromLine - 1); i < lines.length; i++) {
    const m = re.exec(lines[i]);
    if (m) return { line: i + 1, column: m.index + m[1].length + 1 };
  }
  return undefined;
}

/** protobufjs: "illegal token 'int32', ';' expected (reading.proto, line 4)" → line 4 and the token's column. */
function parseProblem(file: ProtoFile, e: unknown): ProtoProblem {
  const raw = (e as Error)?.message || String(e);
  const m = /^(.*?)\s*\((?:.*, )?line (\d+)\)$/s.exec(raw);
  if (!m) {
    const named = /'([\w.]+)'/.exec(raw);
    const at = named ? locate(file.text, named[1].replace(/^\./, '').split('.').pop()!) : undefined;
    return { file: file.name, ...at, message: raw };
  }
  const line = Number(m[2]);
  const token = /^illegal \w+ '(.*?)'/.exec(m[1])?.[1];
  const text = file.text.split('\n')[line - 1] ?? '';
  const idx = token && token !== 'null' ? text.indexOf(token) : -1;
  return { file: file.name, line, column: idx >= 0 ? idx + 1 : undefined, message: m[1].replace(/'null'/, 'end of file') };
}

/** The uploaded file an import names: the same name, else the one and only file ending in it or with its base name. */
function findImport(files: readonly ProtoFile[], name: string): ProtoFile | undefined {
  const exact = files.find((f) => f.name === name);
  if (exact) return exact;
  const base = name.split('/').pop()!;
  const near = files.filter((f) => f.name.endsWith(`/${name}`) || name.endsWith(`/${f.name}`) || f.name.split('/').pop() === base);
  return near.length === 1 ? near[0] : undefined;
}

/** Compiles the files together (imports between them resolved); the first problem stops it. */
export function compileProtos(files: readonly ProtoFile[]): ProtoCompiled {
  try {
    return compile(files);
  } catch (e) {
    if (e instanceof Problem) return { ok: false, problem: e.problem };
    return { ok: false, problem: { file: '', message: (e as Error)?.message || String(e) } };
  }
}

interface Parsed {
  file: ProtoFile;
  pkg: string;
  edition: string;
  imports: string[];
  /** Top-level messages and enums, in order. */
  decls: (Type | Enum)[];
}

function compile(files: readonly ProtoFile[]): ProtoCompiled {
  const seenNames = new Set<string>();
  for (const f of files) {
    if (seenNames.has(f.name)) throw new Problem({ file: f.name, message: 'two files have this name' });
    seenNames.add(f.name);
  }
  const root = new Root();
  const owner = new Map<ReflectionObject, Parsed>();
  const parsed: Parsed[] = [];
  for (const file of files) {
    let result: ReturnType<typeof parse>;
    try {
      (parse as unknown as { filename: string | null }).filename = file.name;
      result = parse(file.text, root, { keepCase: true });
    } catch (e) {
      throw new Problem(parseProblem(file, e));
    } finally {
      (parse as unknown as { filename: string | null }).filename = null;
    }
    const p: Parsed = { file, pkg: result.package ?? '', edition: 'proto2', imports: [...(result.imports ?? []), ...(result.weakImports ?? [])], decls: [] };
    const walk = (ns: Namespace) => {
      for (const obj of ns.nestedArray) {
        if (obj instanceof Type || obj instanceof Enum) {
          if (!owner.has(obj)) {
            owner.set(obj, p);
            p.decls.push(obj);
            p.edition = (obj as unknown as { _edition?: string })._edition ?? p.edition;
          }
        } else if (obj instanceof Namespace && !(obj instanceof Type)) walk(obj);
      }
    };
    walk(root);
    parsed.push(p);
  }

  // Imports: an uploaded file, or a well-known one (added to protobufjs's root from its copies).
  const deps = new Map<Parsed, Set<string>>();
  const byName = new Map(parsed.map((p) => [p.file.name, p]));
  const wellKnownUsed = new Set<string>();
  for (const p of parsed) {
    const set = new Set<string>();
    for (const imp of p.imports) {
      const f = findImport(files, imp);
      if (f) {
        if (f.name !== p.file.name) set.add(f.name);
      } else if (WELL_KNOWN[imp]) {
        wellKnownUsed.add(imp);
        set.add(imp);
      } else {
        const at = locate(p.file.text, `"${imp}"`.slice(1, -1));
        throw new Problem({ file: p.file.name, ...at, message: `imports "${imp}", which is not uploaded: add it too (files can be added together)` });
      }
    }
    deps.set(p, set);
  }
  for (const name of wellKnownUsed) {
    const json = common.get(name) as { nested?: Record<string, unknown> } | null;
    if (json?.nested) root.addJSON(json.nested as Parameters<Root['addJSON']>[0]);
  }

  try {
    root.resolveAll();
  } catch (e) {
    throw new Problem(resolveProblem(root, owner, (e as Error)?.message || String(e)));
  }

  // A type used from another uploaded file counts as an import (protoc would ask for the import).
  const ownerOf = (t: ReflectionObject): Parsed | undefined => {
    for (let o: ReflectionObject | null = t; o; o = o.parent) {
      const p = owner.get(o);
      if (p) return p;
    }
    return undefined;
  };
  const byFile: Record<string, string[]> = {};
  const descriptors = new Map<Parsed, FileDescriptorProto>();
  for (const p of parsed) {
    const used = deps.get(p)!;
    const fileProto = create(FileDescriptorProtoSchema, {
      name: p.file.name,
      package: p.pkg,
      ...syntaxOf(p.edition),
    });
    const onType = (t: Type | Enum) => {
      const from = ownerOf(t);
      if (from && from !== p) used.add(from.file.name);
      const wk = Object.keys(WELL_KNOWN).find((n) => t.fullName.startsWith('.google.protobuf.') && WELL_KNOWN[n].messageType.some((m) => `.google.protobuf.${m.name}` === t.fullName));
      if (wk) used.add(wk);
    };
    const own: string[] = [];
    byFile[p.file.name] = own;
    for (const d of p.decls) {
      if (d instanceof Type) {
        fileProto.messageType.push(messageProto(d, onType, own, p.edition));
      } else fileProto.enumType.push(enumProto(d));
    }
    fileProto.dependency = [...used];
    descriptors.set(p, fileProto);
  }

  // Dependencies first; a cycle is refused as protoc refuses it.
  const ordered: FileDescriptorProto[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, from?: Parsed) => {
    const p = byName.get(name);
    if (!p) {
      if (WELL_KNOWN[name] && state.get(name) !== 'done') {
        state.set(name, 'done');
        ordered.push(WELL_KNOWN[name]);
      }
      return;
    }
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Problem({ file: from?.file.name ?? name, message: `import cycle through ${name}` });
    state.set(name, 'visiting');
    for (const d of descriptors.get(p)!.dependency) visit(d, p);
    state.set(name, 'done');
    ordered.push(descriptors.get(p)!);
  };
  for (const p of parsed) visit(p.file.name);

  let registry: FileRegistry;
  try {
    registry = createFileRegistry(create(FileDescriptorSetSchema, { file: ordered }));
  } catch (e) {
    throw new Problem({ file: '', message: (e as Error)?.message || String(e) });
  }
  const messageTypes = Object.values(byFile).flat().sort();
  for (const list of Object.values(byFile)) list.sort();
  return { ok: true, registry, messageTypes, byFile };
}

/** "no such Type or Enum 'Foo' in Type .pkg.Msg" → the file that declares .pkg.Msg and the line using Foo. */
function resolveProblem(root: Root, owner: Map<ReflectionObject, Parsed>, message: string): ProtoProblem {
  const m = /'([^']+)' in \w+ (\.[\w.]+)/.exec(message);
  if (m) {
    const where = root.lookup(m[2]);
    for (let o: ReflectionObject | null = where; o; o = o.parent) {
      const p = owner.get(o);
      if (p) {
        const decl = locate(p.file.text, o === where ? (where?.name ?? '') : (where?.name ?? ''));
        const at = locate(p.file.text, m[1], decl?.line ?? 1) ?? decl;
        return { file: p.file.name, ...at, message: `unknown type ${m[1]} (in ${m[2].slice(1)}): declare it, or upload the file that does and import it` };
      }
    }
  }
  return { file: '', message };
}

function syntaxOf(edition: string): Pick<FileDescriptorProto, 'syntax' | 'edition'> {
  if (edition === 'proto3') return { syntax: 'proto3', edition: Edition.EDITION_UNKNOWN };
  if (edition === 'proto2') return { syntax: 'proto2', edition: Edition.EDITION_UNKNOWN };
  return { syntax: 'editions', edition: edition === '2023' ? Edition.EDITION_2023 : Edition.EDITION_2024 };
}

const SCALARS: Record<string, FieldDescriptorProto_Type> = {
  double: FieldDescriptorProto_Type.DOUBLE,
  float: FieldDescriptorProto_Type.FLOAT,
  int64: FieldDescriptorProto_Type.INT64,
  uint64: FieldDescriptorProto_Type.UINT64,
  int32: FieldDescriptorProto_Type.INT32,
  fixed64: FieldDescriptorProto_Type.FIXED64,
  fixed32: FieldDescriptorProto_Type.FIXED32,
  bool: FieldDescriptorProto_Type.BOOL,
  string: FieldDescriptorProto_Type.STRING,
  bytes: FieldDescriptorProto_Type.BYTES,
  uint32: FieldDescriptorProto_Type.UINT32,
  sfixed32: FieldDescriptorProto_Type.SFIXED32,
  sfixed64: FieldDescriptorProto_Type.SFIXED64,
  sint32: FieldDescriptorProto_Type.SINT32,
  sint64: FieldDescriptorProto_Type.SINT64,
};

/** The descriptor type of a field's (or map value's) type. */
function typeOf(typeName: string, resolved: Type | Enum | null, group: boolean): { type: FieldDescriptorProto_Type; typeName?: string } {
  if (resolved instanceof Enum) return { type: FieldDescriptorProto_Type.ENUM, typeName: resolved.fullName };
  if (resolved instanceof Type) return { type: group ? FieldDescriptorProto_Type.GROUP : FieldDescriptorProto_Type.MESSAGE, typeName: resolved.fullName };
  const t = SCALARS[typeName];
  if (t === undefined) throw new Error(`unknown type ${typeName}`);
  return { type: t };
}

/** protoc's name for a map field's entry type: `sensor_values` → `SensorValuesEntry`. */
function mapEntryName(field: string): string {
  const camel = field.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
  return `${camel.charAt(0).toUpperCase()}${camel.slice(1)}Entry`;
}

interface ProtoFieldInternals {
  declaringField?: Field | null;
  delimited?: boolean;
  _features?: Record<string, string>;
}

function messageProto(t: Type, onType: (t: Type | Enum) => void, names: string[], edition: string): DescriptorProto {
  names.push(t.fullName.slice(1));
  const msg = create(DescriptorProtoSchema, { name: t.name });
  const oneofs = t.oneofsArray.filter((o) => !o.options?.proto3_optional && !isSynthetic(o));
  const synthetic = t.oneofsArray.filter((o) => !oneofs.includes(o));
  for (const o of [...oneofs, ...synthetic]) msg.oneofDecl.push(create(OneofDescriptorProtoSchema, { name: o.name }));
  const oneofIndex = (o: OneOf | null) => (o ? [...oneofs, ...synthetic].indexOf(o) : -1);
  const editions = edition !== 'proto2' && edition !== 'proto3';
  for (const field of t.fieldsArray) {
    const f = field as Field & ProtoFieldInternals;
    if (f.declaringField) continue; // an extension's copy inside the extended type
    const resolved = f.resolvedType as Type | Enum | null;
    if (resolved) onType(resolved);
    const fd = create(FieldDescriptorProtoSchema, { name: f.name, number: f.id });
    if (f instanceof MapField) {
      const entryName = mapEntryName(f.name);
      const entry = create(DescriptorProtoSchema, { name: entryName, options: { mapEntry: true } });
      entry.field.push(
        create(FieldDescriptorProtoSchema, { name: 'key', number: 1, label: FieldDescriptorProto_Label.OPTIONAL, ...typeOf(f.keyType, null, false) }),
        create(FieldDescriptorProtoSchema, { name: 'value', number: 2, label: FieldDescriptorProto_Label.OPTIONAL, ...typeOf(f.type, resolved, false) }),
      );
      msg.nestedType.push(entry);
      Object.assign(fd, { label: FieldDescriptorProto_Label.REPEATED, type: FieldDescriptorProto_Type.MESSAGE, typeName: `${t.fullName}.${entryName}` });
    } else {
      const group = resolved instanceof Type && ((resolved as Type & { group?: boolean }).group === true);
      Object.assign(fd, typeOf(f.type, resolved, group && !editions));
      fd.label = f.repeated ? FieldDescriptorProto_Label.REPEATED : f.required && !editions ? FieldDescriptorProto_Label.REQUIRED : FieldDescriptorProto_Label.OPTIONAL;
      const idx = oneofIndex(f.partOf);
      if (idx >= 0) fd.oneofIndex = idx;
      if (f.options?.proto3_optional) fd.proto3Optional = true;
      if (f.repeated && f.options?.packed !== undefined && !editions) fd.options = create(FieldOptionsSchema, { packed: f.options.packed === true });
      if (editions) fd.options = editionFeatures(f);
    }
    msg.field.push(fd);
  }
  for (const nested of t.nestedArray) {
    if (nested instanceof Type) msg.nestedType.push(messageProto(nested, onType, names, edition));
    else if (nested instanceof Enum) msg.enumType.push(enumProto(nested));
  }
  return msg;
}

/** protobufjs names a proto3 `optional` field's oneof `_<field>`. */
function isSynthetic(o: OneOf): boolean {
  return o.fieldsArray.length === 1 && o.name === `_${o.fieldsArray[0].name}` && o.fieldsArray[0].options?.proto3_optional === true;
}

/** Editions: the field's resolved features, written out (presence, packing, delimited messages, UTF-8 checks). */
function editionFeatures(f: Field & ProtoFieldInternals): FieldDescriptorProto['options'] {
  const ft = f._features ?? {};
  const features: Record<string, number> = {};
  if (!f.repeated && !f.partOf && !(f instanceof MapField)) {
    const presence = ft.field_presence;
    if (presence === 'IMPLICIT') features.fieldPresence = 2;
    else if (presence === 'LEGACY_REQUIRED') features.fieldPresence = 3;
    else features.fieldPresence = 1;
  }
  if (f.repeated && ft.repeated_field_encoding) features.repeatedFieldEncoding = ft.repeated_field_encoding === 'EXPANDED' ? 2 : 1;
  if (f.resolvedType instanceof Type && ft.message_encoding === 'DELIMITED') features.messageEncoding = 2;
  if (ft.utf8_validation === 'NONE') features.utf8Validation = 3;
  return create(FieldOptionsSchema, { features: create(FeatureSetSchema, features) });
}

function enumProto(e: Enum): EnumDescriptorProto {
  const out = create(EnumDescriptorProtoSchema, { name: e.name });
  for (const [name, number] of Object.entries(e.values)) out.value.push(create(EnumValueDescriptorProtoSchema, { name, number }));
  if (e.options?.allow_alias) out.options = create(EnumOptionsSchema, { allowAlias: true });
  return out;
}
