import { describe, expect, it } from 'vitest';
import { capabilitiesFromConnack, capabilityRows, retainUnavailable } from './capabilities';
import { publishRefusal } from './publish-guard';

describe('capabilitiesFromConnack', () => {
  it('copies the capability properties of an MQTT 5 CONNACK, only with the right types', () => {
    const caps = capabilitiesFromConnack(5, {
      maximumQoS: 1,
      retainAvailable: false,
      maximumPacketSize: 1000,
      receiveMaximum: 20,
      topicAliasMaximum: 10,
      serverKeepAlive: 60,
      assignedClientIdentifier: 'auto-1',
      sharedSubscriptionAvailable: 'yes' as unknown as boolean,
    });
    expect(caps).toEqual({
      protocolVersion: 5,
      maximumQoS: 1,
      retainAvailable: false,
      maximumPacketSize: 1000,
      receiveMaximum: 20,
      topicAliasMaximum: 10,
      serverKeepAlive: 60,
      assignedClientIdentifier: 'auto-1',
    });
  });
  it('3.1.1 brokers announce nothing', () => {
    expect(capabilitiesFromConnack(4, { retainAvailable: false })).toEqual({ protocolVersion: 4 });
    expect(capabilityRows({ protocolVersion: 4 })).toEqual([]);
  });
  it('spells out the MQTT 5 defaults for what was not announced', () => {
    const rows = Object.fromEntries(capabilityRows({ protocolVersion: 5 }).map((r) => [r.term, r.value]));
    expect(rows['Maximum QoS']).toMatch(/^2 \(not announced/);
    expect(rows['Retain available']).toMatch(/^yes/);
    expect(rows['Maximum packet size']).toBe('no limit announced');
    const told = Object.fromEntries(
      capabilityRows({ protocolVersion: 5, retainAvailable: false, maximumPacketSize: 1000, serverKeepAlive: 60 }, 30).map((r) => [r.term, r.value]),
    );
    expect(told['Retain available']).toBe('no');
    expect(told['Maximum packet size']).toBe('1,000 bytes');
    expect(told['Server keep alive']).toBe('60 s (we asked for 30 s)');
  });
});

describe('publishRefusal', () => {
  const msg = (n: number, retain = false) => ({ topic: 't', payload: new Uint8Array(n), qos: 1 as const, retain });
  it('refuses retained publishes only where the broker said Retain Available 0', () => {
    expect(retainUnavailable({ protocolVersion: 5, retainAvailable: false })).toBe(true);
    expect(retainUnavailable({ protocolVersion: 5 })).toBe(false);
    expect(publishRefusal(msg(1, true), { protocolVersion: 5, retainAvailable: false })).toMatch(/does not keep retained/);
    expect(publishRefusal(msg(1, false), { protocolVersion: 5, retainAvailable: false })).toBeUndefined();
    expect(publishRefusal(msg(1, true), { protocolVersion: 5 })).toBeUndefined();
  });
  it('refuses a QoS above the broker\'s Maximum QoS', () => {
    expect(publishRefusal({ ...msg(1), qos: 2 }, { protocolVersion: 5, maximumQoS: 1 })).toMatch(/takes QoS up to 1.*Nothing was sent/);
    expect(publishRefusal({ ...msg(1), qos: 1 }, { protocolVersion: 5, maximumQoS: 0 })).toMatch(/takes QoS 0 only/);
    expect(publishRefusal({ ...msg(1), qos: 1 }, { protocolVersion: 5, maximumQoS: 1 })).toBeUndefined();
    expect(publishRefusal({ ...msg(1), qos: 2 }, { protocolVersion: 5 })).toBeUndefined();
  });
  it('refuses packets above Maximum Packet Size, counting headers', () => {
    // 1 000-byte limit: fixed header 3 + topic 3 + packet id 2 + properties length 1 = 9 bytes around the payload.
    expect(publishRefusal(msg(991), { protocolVersion: 5, maximumPacketSize: 1000 })).toBeUndefined();
    expect(publishRefusal(msg(992), { protocolVersion: 5, maximumPacketSize: 1000 })).toMatch(/1,001 bytes.*at most 1,000/);
    expect(publishRefusal(msg(100_000), undefined)).toBeUndefined();
  });
});
