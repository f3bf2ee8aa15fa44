import { describe, expect, test } from 'vitest';
import { allowedOriginsFromEnv, exposureWarning, isLoopbackHost, originAllowed } from './origins.js';

describe('allowed origins', () => {
  test("default: the dev server's port under each loopback name", () => {
    expect(allowedOriginsFromEnv({})).toEqual(['http://localhost:5173', 'http://127.0.0.1:5173', 'http://[::1]:5173']);
    expect(allowedOriginsFromEnv({ SWITCHYARD_UI_PORT: '8080', SWITCHYARD_HOST: 'pi.lan' })).toEqual([
      'http://localhost:8080',
      'http://127.0.0.1:8080',
      'http://[::1]:8080',
      'http://pi.lan:8080',
    ]);
  });

  test('SWITCHYARD_ALLOWED_ORIGINS replaces the default', () => {
    expect(allowedOriginsFromEnv({ SWITCHYARD_ALLOWED_ORIGINS: 'https://Console.example.com/, http://10.0.0.5:5173' })).toEqual([
      'https://console.example.com',
      'http://10.0.0.5:5173',
    ]);
  });

  test.each([
    [undefined, true],
    ['http://localhost:5173', true],
    ['http://LOCALHOST:5173', true],
    ['http://localhost:5174', false],
    ['https://localhost:5173', false],
    ['http://evil.example', false],
    ['null', false],
  ])('origin %s allowed: %s', (origin, ok) => {
    expect(originAllowed(origin, allowedOriginsFromEnv({}))).toBe(ok);
  });

  test("'*' allows every page", () => {
    expect(originAllowed('http://evil.example', ['*'])).toBe(true);
  });
});

describe('exposure warning', () => {
  test.each(['localhost', '127.0.0.1', '::1', '[::1]'])('none on %s', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
    expect(exposureWarning(host, { wsPort: 9001, mqttPort: 1883 })).toBeUndefined();
  });
  test.each(['0.0.0.0', '::', '192.168.1.20', 'pi.lan'])('loud on %s', (host) => {
    expect(exposureWarning(host, { wsPort: 9001, mqttPort: 1883 })).toMatch(/WARNING.*WITHOUT AUTHENTICATION/);
  });
});
