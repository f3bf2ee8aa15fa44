import { describe, expect, it } from 'vitest';
import {
  addClientRole,
  addRoleAcl,
  createClient,
  describeAcl,
  encodeCommands,
  listCommands,
  parseClients,
  parseGroups,
  parsePriority,
  parseResponses,
  parseRoles,
  validateAclTopic,
  validateName,
  validatePassword,
} from './dynsec';

// What Mosquitto 2.0.11 answered to listClients/listGroups/listRoles (verbose) in a real run.
const REAL = JSON.stringify({
  responses: [
    { command: 'createClient' },
    {
      command: 'listClients',
      data: {
        totalCount: 2,
        clients: [
          { username: 'bob', disabled: true, roles: [{ rolename: 'r1', priority: 2 }], groups: [{ groupname: 'g1' }] },
          { username: 'admin', textname: 'Dynsec admin user', roles: [{ rolename: 'admin' }], groups: [] },
        ],
      },
      correlationData: 'x-1.1',
    },
    { command: 'listGroups', data: { totalCount: 1, groups: [{ groupname: 'g1', clients: [{ username: 'bob' }], roles: [{ rolename: 'r1' }] }] } },
    {
      command: 'listRoles',
      data: { totalCount: 1, roles: [{ rolename: 'r1', acls: [{ acltype: 'subscribePattern', topic: 'a/#', priority: 3, allow: true }, { acltype: 'publishClientSend', topic: 'a/b', allow: false }] }] },
    },
    { command: 'addRoleACL', error: 'Unknown acltype' },
  ],
});

describe('dynsec commands', () => {
  it('encodes commands in the {"commands":[...]} envelope', () => {
    expect(JSON.parse(encodeCommands([createClient('bob', 'pw')]))).toEqual({ commands: [{ command: 'createClient', username: 'bob', password: 'pw' }] });
  });
  it('asks for verbose, complete lists', () => {
    expect(listCommands().map((c) => c.command)).toEqual(['listClients', 'listGroups', 'listRoles']);
    for (const c of listCommands()) expect(c).toMatchObject({ verbose: true, count: -1, offset: 0 });
  });
  it('adds a priority only when one is given', () => {
    expect(addClientRole('bob', 'r1')).toEqual({ command: 'addClientRole', username: 'bob', rolename: 'r1' });
    expect(addClientRole('bob', 'r1', -1)).toEqual({ command: 'addClientRole', username: 'bob', rolename: 'r1', priority: -1 });
  });
  it('builds addRoleACL with every field the plugin reads', () => {
    expect(addRoleAcl('r1', { acltype: 'subscribePattern', topic: 'a/#', allow: false, priority: 5 })).toEqual({
      command: 'addRoleACL', rolename: 'r1', acltype: 'subscribePattern', topic: 'a/#', priority: 5, allow: false,
    });
  });
  it('keeps names as given (no escaping games): JSON carries them', () => {
    const name = '<b>"quoted"</b> ünï';
    expect(JSON.parse(encodeCommands([createClient(name, 'p')])).commands[0].username).toBe(name);
  });
});

describe('dynsec responses', () => {
  it('parses each response with data, error and correlationData', () => {
    const rs = parseResponses(REAL);
    expect(rs.map((r) => r.command)).toEqual(['createClient', 'listClients', 'listGroups', 'listRoles', 'addRoleACL']);
    expect(rs[1]!.correlationData).toBe('x-1.1');
    expect(rs[4]!.error).toBe('Unknown acltype');
    expect(rs[0]!.error).toBeUndefined();
  });
  it.each(['', 'not json', '[]', '{"responses":{}}', '{"responses":[1,null,{"nocommand":1}]}', 'null'])('ignores %j', (text) => {
    expect(parseResponses(text)).toEqual([]);
  });
  it('reads clients sorted by name, with disabled, roles and groups', () => {
    const clients = parseClients(parseResponses(REAL)[1]!.data);
    expect(clients).toEqual([
      { username: 'admin', textname: 'Dynsec admin user', disabled: false, roles: [{ rolename: 'admin' }], groups: [] },
      { username: 'bob', disabled: true, roles: [{ rolename: 'r1', priority: 2 }], groups: ['g1'] },
    ]);
  });
  it('accepts the non-verbose form (plain names) and skips junk', () => {
    expect(parseClients({ clients: ['b', 'a', 3, { nousername: 1 }] }).map((c) => c.username)).toEqual(['a', 'b']);
    expect(parseClients(undefined)).toEqual([]);
    expect(parseGroups({ groups: ['g'] })).toEqual([{ groupname: 'g', clients: [], roles: [] }]);
    expect(parseRoles({ roles: ['r'] })).toEqual([{ rolename: 'r', acls: [] }]);
  });
  it('reads groups and roles; a missing priority is 0 and allow must be true to allow', () => {
    const rs = parseResponses(REAL);
    expect(parseGroups(rs[2]!.data)).toEqual([{ groupname: 'g1', clients: ['bob'], roles: [{ rolename: 'r1' }] }]);
    expect(parseRoles(rs[3]!.data)[0]!.acls).toEqual([
      { acltype: 'subscribePattern', topic: 'a/#', priority: 3, allow: true },
      { acltype: 'publishClientSend', topic: 'a/b', priority: 0, allow: false },
    ]);
  });
});

describe('dynsec validation', () => {
  it.each([
    ['', 'Enter a username.'],
    [' bob', 'The username starts or ends with a space; remove it.'],
    ['bo\nb', 'The username contains a control character.'],
  ])('refuses the name %j', (name, why) => {
    expect(validateName(name, 'username')).toBe(why);
  });
  it('accepts ordinary and unusual names', () => {
    for (const n of ['bob', 'sensor-01', 'a b', 'ünï', '<script>']) expect(validateName(n, 'username')).toBeNull();
  });
  it('needs a password', () => {
    expect(validatePassword('')).toBe('Enter a password.');
    expect(validatePassword(' x ')).toBeNull();
  });
  it.each([
    ['', {}],
    [' 5 ', { value: 5 }],
    ['-1', { value: -1 }],
    ['1.5', { error: 'Priority must be a whole number, e.g. 0, 5 or -1.' }],
    ['abc', { error: 'Priority must be a whole number, e.g. 0, 5 or -1.' }],
  ])('reads priority %j', (text, out) => {
    expect(parsePriority(text)).toEqual(out);
  });
  it.each([
    ['subscribePattern', 'a/#', null],
    ['subscribePattern', 'a/+/c', null],
    ['subscribePattern', '#', null],
    ['subscribePattern', 'a/#/c', '# must be a whole level and the last one (e.g. sensors/#).'],
    ['publishClientSend', 'a/b#', '# must be a whole level and the last one (e.g. sensors/#).'],
    ['publishClientReceive', 'a+/b', '+ must be a whole level (e.g. sensors/+/temp).'],
    ['subscribeLiteral', 'a/b#', null],
    ['subscribePattern', '', 'Enter a topic or topic filter.'],
    ['subscribeLiteral', 'a/\u0000b', 'The topic contains a NUL character.'],
  ])('%s %j → %j', (type, topic, why) => {
    expect(validateAclTopic(type, topic)).toBe(why);
  });
  it('describes an ACL in words', () => {
    expect(describeAcl({ acltype: 'subscribePattern', topic: 'a/#', allow: true, priority: 0 })).toBe('allow subscribePattern a/#');
    expect(describeAcl({ acltype: 'publishClientSend', topic: 'x', allow: false, priority: -2 })).toBe('deny publishClientSend x (priority -2)');
  });
});
