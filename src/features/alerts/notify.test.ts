import { expect, it } from 'vitest';
import { NotifyThrottle } from './notify';

it('lets one notification per rule per minute through', () => {
  const t = new NotifyThrottle(60_000);
  const t0 = 1_000_000;
  expect([t.allow('a', t0), t.allow('a', t0 + 1_000), t.allow('b', t0 + 1_000), t.allow('a', t0 + 59_999), t.allow('a', t0 + 60_000)]).toEqual([
    true,
    false,
    true,
    false,
    true,
  ]);
});
