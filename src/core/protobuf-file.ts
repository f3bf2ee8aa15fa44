/**
 * The Decoders page's Export file (issue 13) and the limits of what is stored and imported; apart
 * from protobuf-decoders.ts, whose precedence rules are on the start path.
 */
import type { ProtobufConfig } from './protobuf-decoders';

/** Limits of what is stored (localStorage) and imported. */
export const PROTO_LIMITS = { files: 200, fileBytes: 1024 * 1024, totalBytes: 2 * 1024 * 1024, mappings: 1000, name: 500 } as const;

/** What the Export button writes and Import reads (JSON). */
export const PROTOBUF_FILE_KIND = 'switchyard-protobuf-decoders';
export const PROTOBUF_FILE_VERSION = 1;

export function serializeProtobufConfig(config: ProtobufConfig): string {
  return `${JSON.stringify({ kind: PROTOBUF_FILE_KIND, version: PROTOBUF_FILE_VERSION, files: config.files, mappings: config.mappings }, null, 2)}\n`;
}
