import { PayloadDiff } from '../../components/payload-diff';

/** What changed from the previous message: JSON keys, or text words/lines, as text (components/payload-diff.tsx). */
export function DiffView({ before, after }: { before: Uint8Array; after: Uint8Array }) {
  return <PayloadDiff before={before} after={after} />;
}
