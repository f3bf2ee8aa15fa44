/**
 * A page served over https may not open ws:// (mixed content): the browser blocks it before any
 * network traffic, and a worker sees only a failed connection. Said plainly instead, and the
 * wss:// form of the URL offered (same host, port and path: brokers often serve wss:// on another
 * port, which the user then corrects).
 */
import { isBlockedMixedContent } from './broker-url';

/** The status reason when every URL of a profile would be blocked, else undefined. */
export function mixedContentError(urls: readonly string[], pageProtocol: string): string | undefined {
  if (urls.length === 0 || !urls.every((u) => isBlockedMixedContent(u, pageProtocol))) return undefined;
  return "this page is served over https, so the browser blocks ws:// connections (mixed content). Use the broker's wss:// URL (Connections → Use wss://).";
}

/** ws:// URLs (one per line) switched to wss://; other lines as they were. */
export function switchToWss(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^(\s*)ws:\/\//i, '$1wss://'))
    .join('\n');
}

/** True when some line of `text` is a ws:// URL that this page could not open. */
export function hasBlockedUrl(text: string, pageProtocol: string): boolean {
  return text.split('\n').some((line) => isBlockedMixedContent(line, pageProtocol));
}
