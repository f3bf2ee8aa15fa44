import { describe, expect, it } from 'vitest';
import { formatUptime, readStats } from './broker-stats';

describe('broker stats', () => {
  it.each([
    ['0 seconds', '0 s'],
    ['59 seconds', '59 s'],
    ['61 seconds', '1 min 1 s'],
    ['3600 seconds', '1 h'],
    ['93784 seconds', '1 d 2 h 3 min 4 s'],
    ['soon', 'soon'],
  ])('formats uptime %s as %s', (text, shown) => {
    expect(formatUptime(text)).toBe(shown);
  });

  it('reads the Mosquitto $SYS layout and leaves unknown values undefined', () => {
    const data: Record<string, string> = {
      '$SYS/broker/version': 'mosquitto version 2.0.11',
      '$SYS/broker/clients/connected': '12',
      '$SYS/broker/messages/received': '1234567',
    };
    const stats = readStats((t) => data[t]);
    expect(stats.find((s) => s.label === 'Version')?.value).toBe('mosquitto version 2.0.11');
    expect(stats.find((s) => s.label === 'Clients connected')?.value).toBe('12');
    expect(stats.find((s) => s.label === 'Messages received')?.value).toMatch(/^1.234.567$/);
    expect(stats.find((s) => s.label === 'Uptime')?.value).toBeUndefined();
  });
});
