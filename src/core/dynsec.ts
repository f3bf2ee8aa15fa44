/**
 * Mosquitto's dynamic-security plugin, as data: command builders, response parsing and
 * input validation. Commands are JSON published to $CONTROL/dynamic-security/v1 as
 * `{"commands":[...]}`; the broker answers on .../v1/response with `{"responses":[...]}`,
 * one entry per command (`command`, then `data` or `error`, and `correlationData` echoed).
 * Pure: no React, no MQTT. Everything read from the broker is untrusted and checked here.
 */
export const DYNSEC_TOPIC = '$CONTROL/dynamic-security/v1';
export const DYNSEC_RESPONSE_TOPIC = '$CONTROL/dynamic-security/v1/response';

export const ACL_TYPES = [
  'publishClientSend',
  'publishClientReceive',
  'subscribeLiteral',
  'subscribePattern',
  'unsubscribeLiteral',
  'unsubscribePattern',
] as const;
export type AclType = (typeof ACL_TYPES)[number];

export interface RoleRef {
  rolename: string;
  priority?: number;
}
export interface DynsecAcl {
  acltype: string;
  topic: string;
  allow: boolean;
  priority: number;
}
export interface DynsecClient {
  username: string;
  textname?: string;
  disabled: boolean;
  roles: RoleRef[];
  groups: string[];
}
export interface DynsecGroup {
  groupname: string;
  clients: string[];
  roles: RoleRef[];
}
export interface DynsecRole {
  rolename: string;
  acls: DynsecAcl[];
}

/** One command object; `correlationData` is added by whoever sends it. */
export type DynsecCommand = { command: string; correlationData?: string } & Record<string, unknown>;

export interface DynsecResponse {
  command: string;
  data?: unknown;
  error?: string;
  correlationData?: string;
}

export const listCommands = (): DynsecCommand[] => [
  { command: 'listClients', verbose: true, count: -1, offset: 0 },
  { command: 'listGroups', verbose: true, count: -1, offset: 0 },
  { command: 'listRoles', verbose: true, count: -1, offset: 0 },
];

export const createClient = (username: string, password: string): DynsecCommand => ({ command: 'createClient', username, password });
export const deleteClient = (username: string): DynsecCommand => ({ command: 'deleteClient', username });
export const enableClient = (username: string): DynsecCommand => ({ command: 'enableClient', username });
export const disableClient = (username: string): DynsecCommand => ({ command: 'disableClient', username });
export const setClientPassword = (username: string, password: string): DynsecCommand => ({ command: 'setClientPassword', username, password });
export const addClientRole = (username: string, rolename: string, priority?: number): DynsecCommand =>
  withPriority({ command: 'addClientRole', username, rolename }, priority);
export const removeClientRole = (username: string, rolename: string): DynsecCommand => ({ command: 'removeClientRole', username, rolename });

export const createGroup = (groupname: string): DynsecCommand => ({ command: 'createGroup', groupname });
export const deleteGroup = (groupname: string): DynsecCommand => ({ command: 'deleteGroup', groupname });
export const addGroupClient = (groupname: string, username: string, priority?: number): DynsecCommand =>
  withPriority({ command: 'addGroupClient', groupname, username }, priority);
export const removeGroupClient = (groupname: string, username: string): DynsecCommand => ({ command: 'removeGroupClient', groupname, username });
export const addGroupRole = (groupname: string, rolename: string, priority?: number): DynsecCommand =>
  withPriority({ command: 'addGroupRole', groupname, rolename }, priority);
export const removeGroupRole = (groupname: string, rolename: string): DynsecCommand => ({ command: 'removeGroupRole', groupname, rolename });

export const createRole = (rolename: string): DynsecCommand => ({ command: 'createRole', rolename });
export const deleteRole = (rolename: string): DynsecCommand => ({ command: 'deleteRole', rolename });
export const addRoleAcl = (rolename: string, acl: DynsecAcl): DynsecCommand => ({
  command: 'addRoleACL',
  rolename,
  acltype: acl.acltype,
  topic: acl.topic,
  priority: acl.priority,
  allow: acl.allow,
});
export const removeRoleAcl = (rolename: string, acltype: string, topic: string): DynsecCommand => ({ command: 'removeRoleACL', rolename, acltype, topic });

function withPriority(cmd: DynsecCommand, priority: number | undefined): DynsecCommand {
  return priority === undefined ? cmd : { ...cmd, priority };
}

/** The payload to publish for these commands. */
export function encodeCommands(commands: DynsecCommand[]): string {
  return JSON.stringify({ commands });
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The responses in one message from the response topic; [] for anything that is not one. */
export function parseResponses(text: string): DynsecResponse[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isObj(doc) || !Array.isArray(doc.responses)) return [];
  const out: DynsecResponse[] = [];
  for (const r of doc.responses) {
    if (!isObj(r) || typeof r.command !== 'string') continue;
    const resp: DynsecResponse = { command: r.command };
    if (r.data !== undefined) resp.data = r.data;
    if (r.error !== undefined) resp.error = typeof r.error === 'string' ? r.error : JSON.stringify(r.error);
    const corr = str(r.correlationData);
    if (corr !== undefined) resp.correlationData = corr;
    out.push(resp);
  }
  return out;
}

function roleRefs(v: unknown): RoleRef[] {
  if (!Array.isArray(v)) return [];
  const out: RoleRef[] = [];
  for (const r of v) {
    const name = isObj(r) ? str(r.rolename) : undefined;
    if (name === undefined) continue;
    const p = isObj(r) && typeof r.priority === 'number' ? r.priority : undefined;
    out.push(p === undefined ? { rolename: name } : { rolename: name, priority: p });
  }
  return out;
}

function names(v: unknown, key: string): string[] {
  if (!Array.isArray(v)) return [];
  return v.map((x) => (typeof x === 'string' ? x : isObj(x) ? str(x[key]) : undefined)).filter((x): x is string => x !== undefined);
}

const byName = <T>(key: (t: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));

/** `data` of a verbose listClients (plain username lists are accepted too). */
export function parseClients(data: unknown): DynsecClient[] {
  const list = isObj(data) && Array.isArray(data.clients) ? data.clients : [];
  const out: DynsecClient[] = [];
  for (const c of list) {
    if (typeof c === 'string') out.push({ username: c, disabled: false, roles: [], groups: [] });
    else if (isObj(c) && typeof c.username === 'string') {
      const client: DynsecClient = { username: c.username, disabled: c.disabled === true, roles: roleRefs(c.roles), groups: names(c.groups, 'groupname') };
      const textname = str(c.textname);
      if (textname) client.textname = textname;
      out.push(client);
    }
  }
  return out.sort(byName((c) => c.username));
}

export function parseGroups(data: unknown): DynsecGroup[] {
  const list = isObj(data) && Array.isArray(data.groups) ? data.groups : [];
  const out: DynsecGroup[] = [];
  for (const g of list) {
    if (typeof g === 'string') out.push({ groupname: g, clients: [], roles: [] });
    else if (isObj(g) && typeof g.groupname === 'string') {
      out.push({ groupname: g.groupname, clients: names(g.clients, 'username'), roles: roleRefs(g.roles) });
    }
  }
  return out.sort(byName((g) => g.groupname));
}

export function parseRoles(data: unknown): DynsecRole[] {
  const list = isObj(data) && Array.isArray(data.roles) ? data.roles : [];
  const out: DynsecRole[] = [];
  for (const r of list) {
    if (typeof r === 'string') out.push({ rolename: r, acls: [] });
    else if (isObj(r) && typeof r.rolename === 'string') {
      const acls: DynsecAcl[] = [];
      for (const a of Array.isArray(r.acls) ? r.acls : []) {
        if (!isObj(a) || typeof a.acltype !== 'string' || typeof a.topic !== 'string') continue;
        acls.push({ acltype: a.acltype, topic: a.topic, allow: a.allow === true, priority: typeof a.priority === 'number' ? a.priority : 0 });
      }
      out.push({ rolename: r.rolename, acls });
    }
  }
  return out.sort(byName((r) => r.rolename));
}

/** A username, group or role name: null when acceptable, else why not. */
export function validateName(value: string, what: string): string | null {
  if (value === '') return `Enter a ${what}.`;
  if (value.trim() !== value) return `The ${what} starts or ends with a space; remove it.`;
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) return `The ${what} contains a control character.`;
  if (new TextEncoder().encode(value).length > 65535) return `The ${what} is longer than 65535 bytes.`;
  return null;
}

export function validatePassword(value: string): string | null {
  if (value === '') return 'Enter a password.';
  if (new TextEncoder().encode(value).length > 65535) return 'The password is longer than 65535 bytes.';
  return null;
}

/** Priority fields: empty means "none" (undefined); otherwise a whole number. */
export function parsePriority(value: string): { value?: number; error?: string } {
  const t = value.trim();
  if (t === '') return {};
  if (!/^-?\d+$/.test(t) || !Number.isSafeInteger(Number(t))) return { error: 'Priority must be a whole number, e.g. 0, 5 or -1.' };
  return { value: Number(t) };
}

/** An ACL topic for the given type: null when acceptable, else why not. */
export function validateAclTopic(acltype: string, topic: string): string | null {
  if (topic === '') return 'Enter a topic or topic filter.';
  if (topic.includes('\u0000')) return 'The topic contains a NUL character.';
  if (new TextEncoder().encode(topic).length > 65535) return 'The topic is longer than 65535 bytes.';
  if (acltype.endsWith('Literal')) return null; // compared character for character
  const levels = topic.split('/');
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i]!;
    if (l.includes('#') && (l !== '#' || i !== levels.length - 1)) return '# must be a whole level and the last one (e.g. sensors/#).';
    if (l.includes('+') && l !== '+') return '+ must be a whole level (e.g. sensors/+/temp).';
  }
  return null;
}

/** Words for an ACL: "allow subscribePattern sensors/# (priority 5)". */
export function describeAcl(acl: DynsecAcl): string {
  return `${acl.allow ? 'allow' : 'deny'} ${acl.acltype} ${acl.topic}${acl.priority ? ` (priority ${acl.priority})` : ''}`;
}
