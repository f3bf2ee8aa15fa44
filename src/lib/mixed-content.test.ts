import { expect, test } from 'vitest';
import { hasBlockedUrl, mixedContentError, switchToWss } from './mixed-content';

test('an https page with only ws:// URLs gets an error naming mixed content; wss:// or an http page does not', () => {
  expect(mixedContentError(['ws://b:9001'], 'https:')).toBe(
    "this page is served over https, so the browser blocks ws:// connections (mixed content). Use the broker's wss:// URL (Connections → Use wss://).",
  );
  expect(mixedContentError(['ws://a:1', 'ws://b:1'], 'https:')).toMatch(/mixed content/);
  expect(mixedContentError(['ws://a:1', 'wss://b:1'], 'https:')).toBeUndefined(); // the rotation can still use b
  expect(mixedContentError(['ws://b:9001'], 'http:')).toBeUndefined();
  expect(mixedContentError(['wss://b:8884'], 'https:')).toBeUndefined();
  expect(mixedContentError([], 'https:')).toBeUndefined();
});

test('switchToWss changes the scheme of ws:// lines only', () => {
  expect(switchToWss('ws://a:9001/mqtt\n  WS://b:1\nwss://c:2\nmqtt://d')).toBe('wss://a:9001/mqtt\n  wss://b:1\nwss://c:2\nmqtt://d');
});

test('hasBlockedUrl looks at every line', () => {
  expect(hasBlockedUrl('wss://a:1\nws://b:2', 'https:')).toBe(true);
  expect(hasBlockedUrl('wss://a:1', 'https:')).toBe(false);
  expect(hasBlockedUrl('ws://b:2', 'http:')).toBe(false);
});
