/**
 * Decode as rules in the worker protocol: the main thread sends all of them (again to every new
 * worker); the worker decodes matching messages and puts the result on the message (`decoded`).
 */
import type { DecodeRule } from '../../core/decoded';
import type { ProtoFile } from '../../core/protobuf-decoders';

export interface DecodeRulesCommand {
  type: 'decode-rules';
  rules: DecodeRule[];
  /** The uploaded .proto files the protobuf rules' message types come from (compiled in the worker when first needed). */
  proto?: ProtoFile[];
}
