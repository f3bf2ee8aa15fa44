/**
 * Protobuf decoders as stored (`switchyard.protobuf`) and exported: what survives a reload, what
 * hostile stored data loses, what an import file must be, and the order the worker tries the
 * rules in (Decode as for the exact topic, then mappings most specific first).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from './test-storage';
import { hasStoredData } from './has-stored-data';
import { byPrecedence, compareSpecificity, mappingFor, type ProtoMapping } from '../core/protobuf-decoders';
import { serializeProtobufConfig } from '../core/protobuf-file';
import { parseProtobufFile } from './protobuf-schema';
import { workerDecodeRules } from './decode-as-store';

const KEY = 'switchyard.protobuf';
let ls: MemoryStorage;
const g = globalThis as { localStorage?: Storage };

async function load() {
  vi.resetModules();
  if (hasStoredData()) (await import('./start-schemas')).registerStartLoaders();
  const store = await import('./protobuf-store');
  const decodeAs = await import('./decode-as-store');
  const notices = await import('./storage-notices');
  return { ...store, decodeAs, notices: () => notices.useStorageNotices.getState().notices.map((n) => n.message) };
}

const FILE = { name: 'reading.proto', text: 'syntax = "proto3";\npackage factory;\nmessage Reading { double value = 1; }\n' };

beforeEach(() => {
  ls = new MemoryStorage();
  g.localStorage = ls;
});
afterEach(() => {
  delete g.localStorage;
});

describe('protobuf store', () => {
  it('keeps files and several mappings across a reload; a filter mapped again changes its type', async () => {
    const s = await load();
    s.setProtoFiles(s.withFiles([], [FILE]));
    s.setMapping({ filter: 'factory/+/reading', messageType: 'factory.Reading' });
    s.setMapping({ filter: 'factory/#', messageType: 'factory.Other' });
    s.setMapping({ filter: 'factory/#', messageType: 'factory.Reading' });
    const again = await load();
    expect(again.useProtobufStore.getState()).toEqual({
      files: [FILE],
      mappings: [
        { filter: 'factory/+/reading', messageType: 'factory.Reading' },
        { filter: 'factory/#', messageType: 'factory.Reading' },
      ],
    });
    expect(again.notices()).toEqual([]);
  });

  it('drops stored mappings with an invalid filter or type name and duplicate files, keeps the rest, and says so', async () => {
    ls.setItem(
      KEY,
      JSON.stringify({
        state: {
          files: [FILE, { ...FILE, text: 'other' }, { name: 42, text: 'x' }],
          mappings: [
            { filter: 'a/#/b', messageType: 'factory.Reading' },
            { filter: 'ok/+', messageType: 'not a type!' },
            { filter: 'ok/+', messageType: 'factory.Reading' },
          ],
        },
        version: 1,
      }),
    );
    const s = await load();
    expect(s.useProtobufStore.getState()).toEqual({ files: [FILE], mappings: [{ filter: 'ok/+', messageType: 'factory.Reading' }] });
    expect(s.notices().join(' ')).toMatch(/Protobuf decoders/);
  });

  it('keeps the message type of a Decode as Protobuf choice across a reload', async () => {
    const s = await load();
    s.decodeAs.setDecodeChoice('factory/a/reading', 'protobuf', 'factory.Reading');
    const again = await load();
    expect(again.decodeAs.useDecodeAsStore.getState().rules).toEqual([{ filter: 'factory/a/reading', choice: 'protobuf', messageType: 'factory.Reading' }]);
  });

  it('import adds to what is stored: same-named files and filters are replaced, counted', async () => {
    const s = await load();
    s.setProtoFiles([FILE, { name: 'keep.proto', text: 'syntax = "proto3";' }]);
    s.setMapping({ filter: 'x/#', messageType: 'factory.Reading' });
    const r = s.importProtobufConfig({ files: [{ ...FILE, text: `${FILE.text}\n// v2` }], mappings: [{ filter: 'x/#', messageType: 'factory.Other' }, { filter: 'y', messageType: 'factory.Reading' }] });
    expect(r).toEqual({ files: 1, mappings: 2, replaced: 2 });
    expect(s.useProtobufStore.getState().files.map((f) => f.name)).toEqual(['reading.proto', 'keep.proto']);
    expect(s.useProtobufStore.getState().mappings).toEqual([
      { filter: 'x/#', messageType: 'factory.Other' },
      { filter: 'y', messageType: 'factory.Reading' },
    ]);
  });
});

describe('the Export file', () => {
  const config = { files: [FILE], mappings: [{ filter: 'factory/+/reading', messageType: 'factory.Reading' }] };

  it('reads back what Export writes', () => {
    expect(parseProtobufFile(serializeProtobufConfig(config))).toEqual({ ok: true, config });
  });

  it('explains what is wrong with a bad file', () => {
    expect(parseProtobufFile('{')).toMatchObject({ ok: false, error: expect.stringMatching(/^it is not JSON/) });
    expect(parseProtobufFile('{"files": []}')).toEqual({ ok: false, error: 'it is not a Switchyard protobuf decoders file (no "kind": "switchyard-protobuf-decoders")' });
    const text = (o: object) => JSON.stringify({ kind: 'switchyard-protobuf-decoders', version: 1, files: [], mappings: [], ...o });
    expect(parseProtobufFile(text({ version: 2 }))).toEqual({ ok: false, error: 'version 2 is not one this Switchyard reads (1)' });
    expect(parseProtobufFile(text({ mappings: [{ filter: 'a/#/b', messageType: 'x.Y' }] }))).toEqual({ ok: false, error: 'mappings[0].filter: not a valid topic filter' });
    expect(parseProtobufFile(text({ files: [FILE, FILE] }))).toEqual({ ok: false, error: 'two files are named reading.proto' });
    expect(parseProtobufFile(text({ files: [{ name: 'a.proto' }] }))).toMatchObject({ ok: false, error: expect.stringMatching(/^files\[0\]\.text: /) });
  });
});

describe('which mapping decodes a topic', () => {
  const m = (filter: string, messageType = filter): ProtoMapping => ({ filter, messageType });

  it('the most specific filter: more exact levels, then fewer wildcards, then no #, then longer', () => {
    const all = [m('#'), m('factory/#'), m('factory/+/reading'), m('factory/line-1/reading'), m('+/+/reading'), m('factory/+/#'), m('factory/+')];
    expect(byPrecedence(all).map((x) => x.filter)).toEqual(['factory/line-1/reading', 'factory/+/reading', 'factory/+', 'factory/#', '+/+/reading', 'factory/+/#', '#']);
    expect(mappingFor('factory/line-1/reading', all)?.filter).toBe('factory/line-1/reading');
    expect(mappingFor('factory/line-2/reading', all)?.filter).toBe('factory/+/reading');
    expect(mappingFor('factory/line-2/status', all)?.filter).toBe('factory/#');
    expect(mappingFor('plant/x/reading', all)?.filter).toBe('+/+/reading');
    expect(mappingFor('home', all)?.filter).toBe('#');
  });

  it('does not depend on the order mappings were added', () => {
    const a = [m('a/+/c'), m('+/b/c'), m('a/b/+')];
    const order = byPrecedence(a).map((x) => x.filter);
    expect(byPrecedence(a.slice().reverse()).map((x) => x.filter)).toEqual(order);
    expect(compareSpecificity('a/+/c', 'a/+/c')).toBe(0);
  });

  it('a Decode as choice for the exact topic comes before every mapping, Text included', () => {
    const rules = workerDecodeRules(
      [
        { filter: 'factory/a/reading', choice: 'text' },
        { filter: 'factory/b/reading', choice: 'protobuf', messageType: 'factory.Other' },
        { filter: 'factory/c/reading', choice: 'msgpack' },
      ],
      [m('factory/#', 'factory.Any'), m('factory/+/reading', 'factory.Reading')],
    );
    expect(rules).toEqual([
      { filter: 'factory/a/reading', format: null },
      { filter: 'factory/b/reading', format: 'protobuf', messageType: 'factory.Other' },
      { filter: 'factory/c/reading', format: 'msgpack' },
      { filter: 'factory/+/reading', format: 'protobuf', messageType: 'factory.Reading' },
      { filter: 'factory/#', format: 'protobuf', messageType: 'factory.Any' },
    ]);
  });
});
