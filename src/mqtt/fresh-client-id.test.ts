import { describe, expect, it } from 'vitest';
import { clusterHint, generatedClientId } from './fresh-client-id';

describe('clusterHint', () => {
  it('offers a fresh client ID for a clean-start profile', () => {
    expect(clusterHint(true)).toMatch(/On a cluster, a node that failed may still hold this client ID: a fresh client ID gets around that/);
  });
  it('only explains for a kept session, which a new client ID would leave behind', () => {
    expect(clusterHint(false)).toMatch(/keeps its session \(Clean start off\)/);
    expect(clusterHint(false)).not.toMatch(/Use a fresh client ID/);
  });
});

describe('generatedClientId', () => {
  it('differs from call to call', () => {
    expect(generatedClientId(() => 0.123456789)).toBe(`switchyard-${(0.123456789).toString(36).slice(2, 10)}`);
    expect(generatedClientId()).not.toBe(generatedClientId());
  });
});
