/** Export alert rules as a JSON file; read an import file (checked before anything changes). */
import type { AlertRule } from '../../core/alert-rules';
import { parseRulesFile, serializeRules, type RulesFileResult } from '../../core/alert-rules-file';

export const RULES_FILE_NAME = 'switchyard-alert-rules.json';
const MAX_IMPORT_BYTES = 1024 * 1024;

export function downloadRules(rules: readonly AlertRule[]): void {
  const url = URL.createObjectURL(new Blob([serializeRules(rules)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = RULES_FILE_NAME;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function readRulesFile(file: File): Promise<RulesFileResult> {
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, error: 'The file is too large (over 1 MB)' };
  try {
    return parseRulesFile(await file.text());
  } catch (e) {
    return { ok: false, error: `The file could not be read (${(e as Error).message})` };
  }
}
