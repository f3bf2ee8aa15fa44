import { describe, expect, it } from 'vitest';
import { snapshotFilters } from './compare-run';

describe('snapshotFilters (what the broker snapshot for Compare subscribes to)', () => {
  it('takes the recording’s filters, shared subscriptions as their plain filter, without repeats', () => {
    expect(snapshotFilters(['plant/#', '$share/g/plant/#', '$share/g/line/+/temp'], ['#'])).toEqual(['plant/#', 'line/+/temp']);
  });

  it('falls back to the connection’s filters, then to #', () => {
    expect(snapshotFilters([], ['home/#', 'sensors/+/status'])).toEqual(['home/#', 'sensors/+/status']);
    expect(snapshotFilters([], [])).toEqual(['#']);
  });
});
