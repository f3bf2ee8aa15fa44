import { describe, expect, it } from 'vitest';
import {
  hasCredentials,
  isPlainRemote,
  mixedContentNote,
  plainCredentialsWarning,
  validateBrokerUrl,
} from './broker-url';

describe('broker URLs', () => {
  it.each([
    ['ws://localhost:9001', undefined],
    ['wss://broker.example.com/mqtt', undefined],
    ['foo', 'Enter a broker URL such as ws://localhost:9001.'],
    ['', 'Enter a broker URL such as ws://localhost:9001.'],
    ['http://broker.example.com', 'Use a WebSocket URL: ws://host:port/path or wss://host:port/path.'],
    ['mqtt://broker.example.com:1883', 'Use a WebSocket URL: ws://host:port/path or wss://host:port/path.'],
    ['ws://user:pass@broker.example.com', 'Put credentials in Username and Password, not in the URL.'],
    ['ws://:pass@broker.example.com', 'Put credentials in Username and Password, not in the URL.'],
  ])('%s', (url, error) => {
    expect(validateBrokerUrl(url)).toBe(error);
  });

  it('spots credentials even where the URL parser gives up', () => {
    expect(hasCredentials('ws://a:b@h')).toBe(true);
    expect(hasCredentials('ws://a:b@h:99999')).toBe(true);
    expect(hasCredentials('ws://h:9001')).toBe(false);
  });

  it('plain ws:// is remote unless it stays on this machine', () => {
    for (const u of ['ws://localhost:9001', 'ws://127.0.0.1:9001', 'ws://[::1]:9001', 'wss://broker.example.com']) {
      expect(isPlainRemote(u)).toBe(false);
      expect(plainCredentialsWarning(u)).toBeUndefined();
    }
    expect(isPlainRemote('ws://192.168.1.20:9001')).toBe(true);
    expect(plainCredentialsWarning('ws://broker.example.com:9001/mqtt')).toBe(
      'Not encrypted: the password goes to broker.example.com:9001 over ws://, readable by anyone on the network path. Use wss:// for a broker on another machine.',
    );
  });

  it('an https page can only open wss://', () => {
    expect(mixedContentNote('ws://localhost:9001', 'https:')).toMatch(/only allows wss:\/\//);
    expect(mixedContentNote('wss://localhost:9001', 'https:')).toBeUndefined();
    expect(mixedContentNote('ws://localhost:9001', 'http:')).toBeUndefined();
  });
});
