/**
 * The Publish view's empty draft and history length: beside publish-store.ts (which re-exports
 * them) so that the stored data's check (start-schemas.ts) can use them without creating the store.
 */
import type { DraftProperties, PublishDraft } from './publish-store';

export const HISTORY_LIMIT = 50;

export const emptyProperties = (): DraftProperties => ({
  contentType: '',
  payloadFormatIndicator: false,
  messageExpiryInterval: '',
  responseTopic: '',
  correlationData: '',
  userProperties: [],
});

export const emptyDraft = (): PublishDraft => ({
  topic: '',
  payload: '',
  format: 'text',
  qos: 0,
  retain: false,
  properties: emptyProperties(),
});
