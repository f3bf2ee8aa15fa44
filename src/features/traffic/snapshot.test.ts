import { describe, expect, it } from 'vitest';
import type { TalkerRow } from '../../core/top-talkers';
import { snapshotName, talkersCsv, trafficJson } from './snapshot';

const row = (key: string, over: Partial<TalkerRow> = {}): TalkerRow => ({
  key,
  topics: 1,
  msgRate: 12.345,
  msgRate60: 10,
  byteRate: 123.456,
  byteRate60: 100,
  totalBytes: 5000,
  largest: 64,
  lastSeen: Date.UTC(2026, 11, 1, 16, 0, 0),
  spark: [1, 2, 3],
  ...over,
});
const ctx = { time: Date.UTC(2026, 11, 1, 16, 0, 5), groupBy: '', filter: '' };

describe('Top talkers CSV', () => {
  it('has a header and one line per row, numbers rounded, times in ISO 8601', () => {
    expect(talkersCsv([row('plant/line1/press')], ctx)).toBe(
      'topic,topics,messages_per_s_10s,messages_per_s_1min,bytes_per_s_10s,bytes_per_s_1min,total_bytes,largest_payload_bytes,last_seen\r\n' +
        'plant/line1/press,1,12.35,10,123.46,100,5000,64,2026-12-01T16:00:00.000Z\r\n',
    );
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+2', "'+1+2"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tpad', "'\tpad"],
    ['\rline', `"'\rline"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['plain/topic', 'plain/topic'],
  ])('a topic %j is written as %s', (topic, cell) => {
    const line = talkersCsv([row(topic)], ctx).split('\r\n').slice(1).join('\r\n');
    expect(line.startsWith(`${cell},1,`)).toBe(true);
  });
});

describe('traffic JSON', () => {
  it('names the table, keeps topics as data, and lists silent topics', () => {
    const json = JSON.parse(
      trafficJson([row('=1+1')], [{ topic: 'tele/plug/LWT', reason: 'offline', interval: undefined, lastSeen: ctx.time, status: 'Offline' }], {
        ...ctx,
        groupBy: 'plant/+',
        broker: 'ws://localhost:9001',
      }),
    );
    expect(json).toMatchObject({
      format: 'switchyard-traffic',
      version: 1,
      broker: 'ws://localhost:9001',
      groupBy: 'plant/+',
      topTalkers: [{ group: '=1+1', messagesPerSecond: 12.35, bytesPerSecond: 123.46, messagesPerSecondLastMinute: [1, 2, 3] }],
      silentTopics: [{ topic: 'tele/plug/LWT', reason: 'offline', usualIntervalMs: null, status: 'Offline', lastHeard: '2026-12-01T16:00:05.000Z' }],
    });
  });

  it('file names carry the time without characters file systems refuse', () => {
    expect(snapshotName(ctx.time, 'csv')).toBe('traffic-2026-12-01T16-00-05-000Z.csv');
  });
});
