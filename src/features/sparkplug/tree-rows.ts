/**
 * The Sparkplug tree's visible rows: groups → edge nodes → devices, in the order first seen,
 * skipping what is collapsed. An edge node with many devices starts collapsed.
 */
import type { DeviceState, EdgeNodeState, GroupState, Online, SparkplugModel } from '../../core/sparkplug-model';

/** Edge nodes with more devices than this start collapsed. */
export const OPEN_DEVICES = 20;

export interface Place {
  group: string;
  node?: string;
  device?: string;
}

export type TreeRow =
  | { kind: 'group'; key: string; level: 1; place: Place; group: GroupState; expanded: boolean; online: number; total: number }
  | { kind: 'node'; key: string; level: 2; place: Place; node: EdgeNodeState; expanded: boolean | undefined }
  | { kind: 'device'; key: string; level: 3; place: Place; device: DeviceState; node: EdgeNodeState };

export const placeKey = (p: Place) => [p.group, p.node, p.device].filter((x) => x !== undefined).join('\u0000');

/** `toggled`: rows the user opened (true) or closed (false), by key. */
export function treeRows(model: SparkplugModel, toggled: ReadonlyMap<string, boolean>): TreeRow[] {
  const rows: TreeRow[] = [];
  for (const group of model.groups.values()) {
    const gPlace = { group: group.name };
    const gKey = placeKey(gPlace);
    const gOpen = toggled.get(gKey) ?? true;
    let online = 0;
    for (const n of group.nodes.values()) if (n.online) online++;
    rows.push({ kind: 'group', key: gKey, level: 1, place: gPlace, group, expanded: gOpen, online, total: group.nodes.size });
    if (!gOpen) continue;
    for (const node of group.nodes.values()) {
      const nPlace = { group: group.name, node: node.name };
      const nKey = placeKey(nPlace);
      const nOpen = node.devices.size === 0 ? undefined : (toggled.get(nKey) ?? node.devices.size <= OPEN_DEVICES);
      rows.push({ kind: 'node', key: nKey, level: 2, place: nPlace, node, expanded: nOpen });
      if (!nOpen) continue;
      for (const device of node.devices.values()) {
        const dPlace = { group: group.name, node: node.name, device: device.name };
        rows.push({ kind: 'device', key: placeKey(dPlace), level: 3, place: dPlace, device, node });
      }
    }
  }
  return rows;
}

/** Online / Offline / No BIRTH yet: the words beside the dot (never colour alone). */
export function onlineText(online: Online): string {
  return online === undefined ? 'No BIRTH yet' : online ? 'Online' : 'Offline';
}
