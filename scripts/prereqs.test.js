import { describe, expect, test } from 'vitest';
import { missingReport } from './prereqs.js';

/** Everything present, as findAll() reports it on a prepared machine. */
const all = () => ({
  chromium: { path: '/usr/bin/chromium', fromEnv: false },
  mosquitto: '/usr/sbin/mosquitto',
  mosquitto_pub: '/usr/bin/mosquitto_pub',
  mosquitto_sub: '/usr/bin/mosquitto_sub',
  mosquitto_passwd: '/usr/bin/mosquitto_passwd',
  openssl: '/usr/bin/openssl',
  rabbitmq_server: '/usr/lib/rabbitmq/bin/rabbitmq-server',
  rabbitmqctl: '/usr/lib/rabbitmq/bin/rabbitmqctl',
  ejabberdctl: '/usr/sbin/ejabberdctl',
});

describe('prereqs: what is missing and how to get it', () => {
  test('nothing missing: no report', () => {
    expect(missingReport(all())).toBe('');
  });

  test('the interop brokers missing without root: names each binary and the exact apt-get line', () => {
    const found = { ...all(), rabbitmq_server: null, rabbitmqctl: null, ejabberdctl: null };
    expect(missingReport(found, { install: true, aptOk: false }).split('\n')).toEqual([
      '[prereqs] missing: rabbitmq-server (/usr/lib/rabbitmq/bin/rabbitmq-server), rabbitmqctl (/usr/lib/rabbitmq/bin/rabbitmqctl), ejabberdctl (/usr/sbin/ejabberdctl)',
      '[prereqs] install with: sudo apt-get install -y --no-install-recommends rabbitmq-server ejabberd',
      '[prereqs] (not installing automatically: needs apt-get and root)',
    ]);
  });

  test('only ejabberd and Mosquitto clients missing: each package list names just those', () => {
    const found = { ...all(), ejabberdctl: null, mosquitto_sub: null };
    expect(missingReport(found, { install: false }).split('\n')).toEqual([
      '[prereqs] missing: mosquitto_sub, ejabberdctl (/usr/sbin/ejabberdctl)',
      '[prereqs] install with: sudo apt-get install -y mosquitto-clients',
      '[prereqs] install with: sudo apt-get install -y --no-install-recommends ejabberd',
    ]);
  });
});
