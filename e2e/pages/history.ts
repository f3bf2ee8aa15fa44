// The Message panel's History list as a person reads it.
import type { Locator } from '@playwright/test';

/**
 * Payloads shown in the History list of a Message panel, oldest first. One read of a list that may
 * still be filling up: read it with expect.poll.
 */
export async function historyPayloads(message: Locator): Promise<string[]> {
  // Each entry's second part (time, payload, size). Its text content rather than innerText: the
  // entries scrolled out of the list are not laid out (content-visibility), and innerText of
  // content that is not laid out is empty.
  const items = await message
    .getByRole('list', { name: 'History' })
    .getByRole('listitem')
    .evaluateAll((lis) => lis.map((li) => li.querySelector('button')?.children[1]?.textContent ?? ''));
  return items.map((t) => t.trim()).reverse();
}
