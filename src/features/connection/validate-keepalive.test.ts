import { expect, test } from 'vitest';
import { newProfile } from '../../stores/profiles-store';
import { validateProfile } from './validate-profile';

test.each([
  [0, /Keep alive 0 turns off the check/],
  [-1, /whole number of seconds from 1/],
  [1.5, /whole number/],
  [65536, /whole number/],
])('keep alive %s is refused next to the field', (keepalive, message) => {
  expect(validateProfile(newProfile({ url: 'ws://localhost:9001', keepalive })).keepalive).toMatch(message);
});

test.each([1, 2, 30, 65535])('keep alive %s is accepted', (keepalive) => {
  expect(validateProfile(newProfile({ url: 'ws://localhost:9001', keepalive })).keepalive).toBeUndefined();
});
