import { useCallback, useEffect, useMemo, useState } from 'react';
import { useEnsureSubscribed } from '../../hooks/use-ensure-subscribed';
import { SettingsPage, type PageNotice } from '../../components/settings-page';
import { useSessionStore } from '../../stores/session-store';
import { activeProfile, useProfilesStore } from '../../stores/profiles-store';
import { DYNSEC_RESPONSE_TOPIC, DYNSEC_TOPIC, enableClient } from '../../core/dynsec';
import { dynsec, useDynsec } from './use-dynsec';
import { AccessDialogs } from './access-dialogs';
import { ClientsTable } from './clients-table';
import { GroupsTable } from './groups-table';
import { RolesTable } from './roles-table';
import { Unavailable } from './unavailable';
import { NotOffered } from './not-offered';
import { foreignBrokerName, useBrokerVersion, VERSION_TOPIC } from './broker-identity';
import { loadingStatus } from './loading-status';
import type { OpenDialog } from './open-dialog';
import styles from './access.module.css';

/** Which broker and user the lists shown belong to; another one starts from scratch. */
let shownFor = '';

/** Mosquitto dynamic security: clients, groups and roles, managed over $CONTROL/dynamic-security/v1. */
export function AccessView() {
  // Declared first: its effect subscribes the response topic before the load below publishes.
  // The broker's version tells at once when it is not Mosquitto (which alone has the plugin).
  useEnsureSubscribed([DYNSEC_RESPONSE_TOPIC, VERSION_TOPIC]);
  const foreign = foreignBrokerName(useBrokerVersion());
  const model = useDynsec();
  const connection = useSessionStore((s) => s.state);
  const subscriptions = useSessionStore((s) => s.subscriptions);
  const brokerUrl = useSessionStore((s) => s.brokerUrl) ?? '';
  const me = useProfilesStore((s) => activeProfile(s)?.username ?? '');
  const connected = connection === 'connected';
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [notice, setNotice] = useState<PageNotice | null>(null);
  const [actionError, setActionError] = useState('');
  const [enabling, setEnabling] = useState(false);

  // Ask when connected, and again once the profile's own subscriptions are answered (the
  // response topic is subscribed right after them, and before this publish).
  useEffect(() => {
    if (!connected) return;
    const key = `${brokerUrl}\n${me}`;
    if (key !== shownFor) {
      shownFor = key;
      dynsec.reset();
    }
    void dynsec.load();
  }, [connected, subscriptions, brokerUrl, me]);

  // Another broker than Mosquitto: say so instead of asking three times into the void.
  useEffect(() => {
    if (connected && foreign) dynsec.notOffered(foreign);
  }, [connected, foreign, subscriptions, brokerUrl, me]);

  const done = useCallback((message: string) => {
    setDialog(null);
    setActionError('');
    setNotice({ kind: 'ok', text: message });
  }, []);

  const enable = async (username: string) => {
    setEnabling(true);
    const r = await dynsec.run([enableClient(username)]);
    setEnabling(false);
    if (r.ok) done(`Enabled client ${username}.`);
    else {
      setNotice(null);
      setActionError(r.error);
    }
  };

  const usage = (role: string) =>
    model.clients.filter((c) => c.roles.some((r) => r.rolename === role)).length +
    model.groups.filter((g) => g.roles.some((r) => r.rolename === role)).length;

  const ready = model.state === 'ready';
  // The page's notice (the shared frame's, sticking under the toolbar, so an error from a button far
  // down the tables is on screen): what failed, else what the last change did.
  const error = actionError || (ready ? model.problem : '');
  const pageNotice = useMemo<PageNotice | null>(() => (error ? { kind: 'error', text: error } : ready ? notice : null), [error, ready, notice]);
  return (
    <SettingsPage
      title="Access control"
      align="start"
      sub={
        <>
          Mosquitto dynamic security · <code className={styles.topic}>{DYNSEC_TOPIC}</code>
          <span className={styles.status} role="status" aria-label="Access control status">
            {!connected
              ? `Not connected: the lists ${ready ? 'shown may be out of date' : 'load once the connection is up'}.`
              : model.state === 'loading' || model.state === 'idle'
                ? loadingStatus(model.attempt, model.timing.loadAttempts, model.waitingLong, model.timing.answerMs)
                : ready
                  ? `${model.clients.length} client${model.clients.length === 1 ? '' : 's'} · ${model.groups.length} group${model.groups.length === 1 ? '' : 's'} · ${model.roles.length} role${model.roles.length === 1 ? '' : 's'}`
                  : ''}
          </span>
        </>
      }
      notice={pageNotice}
      buttons={
        <>
          <button type="button" className="btn" disabled={!ready} onClick={() => setDialog({ kind: 'addClient' })}>
            Add client
          </button>
          <button type="button" className="btn" disabled={!ready} onClick={() => setDialog({ kind: 'addGroup' })}>
            Add group
          </button>
          <button type="button" className="btn" disabled={!ready} onClick={() => setDialog({ kind: 'addRole' })}>
            Add role
          </button>
          <button type="button" className="btn btn-ghost" disabled={!connected || model.state === 'loading'} onClick={() => void dynsec.load()}>
            Refresh
          </button>
        </>
      }
    >
      {model.state === 'unavailable' && model.foreignBroker && <NotOffered problem={model.problem} />}
      {model.state === 'unavailable' && !model.foreignBroker && <Unavailable problem={model.problem} me={me} onRetry={() => void dynsec.load()} canRetry={connected} />}
      {ready && (
        <div className={styles.sections}>
          <section aria-labelledby="access-clients" className={styles.section}>
            <h2 id="access-clients">Clients</h2>
            <ClientsTable clients={model.clients} me={me} busy={enabling} open={setDialog} onEnable={(u) => void enable(u)} />
          </section>
          <section aria-labelledby="access-groups" className={styles.section}>
            <h2 id="access-groups">Groups</h2>
            <GroupsTable groups={model.groups} open={setDialog} />
          </section>
          <section aria-labelledby="access-roles" className={styles.section}>
            <h2 id="access-roles">Roles</h2>
            <RolesTable roles={model.roles} usage={usage} open={setDialog} />
          </section>
        </div>
      )}
      {dialog && <AccessDialogs dialog={dialog} model={model} onClose={() => setDialog(null)} onDone={done} />}
    </SettingsPage>
  );
}
