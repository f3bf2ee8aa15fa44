import { useId, useState } from 'react';
import { Modal } from '../../components/modal';
import { useProfilesStore, activeProfile, newProfile, profileUrls, saveProfile, type Profile } from '../../stores/profiles-store';
import { BrokerUrlsField, parseUrls } from './broker-urls-field';
import { ConnectionDetails } from './connection-details';
import { useSessionStore } from '../../stores/session-store';
import { session } from '../../mqtt/session';
import { ProfileList } from './profile-list';
import { credentialNotes, Note, REMEMBER_NOTE } from './credential-notes';
import { UseWssOffer } from './use-wss-offer';
import { GrantedSubscriptions } from './granted-subscriptions';
import { parseFilters, validateProfile, type ProfileErrors } from './validate-profile';
import styles from './connection.module.css';

/** The Connection form of the UI contract, in a dialog opened by "Connections". */
export function ConnectionDialog({ onClose }: { onClose: () => void }) {
  const profiles = useProfilesStore((s) => s.profiles);
  const current = useProfilesStore(activeProfile);
  const state = useSessionStore((s) => s.state);
  const [draft, setDraft] = useState<Profile>(() => current ?? newProfile());
  const [subsText, setSubsText] = useState(() => draft.subscriptions.join('\n'));
  const [urlsText, setUrlsText] = useState(() => profileUrls(draft).join('\n'));
  const changeUrls = (text: string) => {
    setUrlsText(text);
    const [url = '', ...moreUrls] = parseUrls(text);
    setDraft((d) => ({ ...d, url, moreUrls }));
  };
  const [errors, setErrors] = useState<ProfileErrors>({});
  const id = useId();

  const load = (p: Profile) => {
    setDraft(p);
    setSubsText(p.subscriptions.join('\n'));
    setUrlsText(profileUrls(p).join('\n'));
    setErrors({});
  };
  const set = <K extends keyof Profile>(k: K, v: Profile[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const connect = (e: React.FormEvent) => {
    e.preventDefault();
    const p: Profile = { ...draft, url: draft.url.trim(), subscriptions: parseFilters(subsText) };
    const errs = validateProfile(p);
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    saveProfile(p);
    session.trie.clear();
    session.connect(p);
    onClose();
  };

  const err = (k: keyof ProfileErrors) =>
    errors[k] ? (
      <span role="alert" id={`${id}-${k}-err`} className="field-error">
        {errors[k]}
      </span>
    ) : null;
  const described = (k: keyof ProfileErrors, note?: string) => {
    const ids = [errors[k] ? `${id}-${k}-err` : '', note ?? ''].filter(Boolean).join(' ');
    return { ...(errors[k] ? { 'aria-invalid': true } : {}), ...(ids ? { 'aria-describedby': ids } : {}) };
  };
  const notes = credentialNotes(draft, location.protocol);

  return (
    <Modal title="Connections" onClose={onClose} size="xl">
      <div className={styles.dialog}>
        <ProfileList profiles={profiles} currentId={draft.id} onChoose={load} onNew={() => load(newProfile({ name: 'New profile' }))} />
        <form aria-label="Connection" className={styles.form} onSubmit={connect} noValidate>
          <div className={styles.grid2}>
            <div className="field">
              <label htmlFor={`${id}-name`}>Profile name</label>
              <input id={`${id}-name`} className="input" value={draft.name} onChange={(e) => set('name', e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-url`}>Broker URL</label>
              <BrokerUrlsField id={`${id}-url`} text={urlsText} onChange={changeUrls} inputProps={described('url', notes.url && `${id}-url-note`)} />
              {err('url')}
              <Note id={`${id}-url-note`} text={notes.url} />
              <UseWssOffer text={urlsText} onSwitch={changeUrls} />
            </div>
          </div>
          <div className={styles.grid2}>
            <div className="field">
              <label htmlFor={`${id}-cid`}>Client ID</label>
              <input id={`${id}-cid`} className="input mono" value={draft.clientId} placeholder={useSessionStore.getState().clientId ?? 'generated for each tab'} onChange={(e) => set('clientId', e.target.value)} {...described('clientId')} />
              <span className="field-hint">Leave empty to generate a unique ID for each browser tab.</span>
              {err('clientId')}
            </div>
            <div className={styles.grid2}>
              <div className="field">
                <label htmlFor={`${id}-ka`}>Keep alive</label>
                <input id={`${id}-ka`} className="input" type="number" min={1} max={65535} value={Number.isNaN(draft.keepalive) ? '' : draft.keepalive} onChange={(e) => set('keepalive', e.target.valueAsNumber)} {...described('keepalive')} />
                <span className="field-hint">seconds</span>
                {err('keepalive')}
              </div>
              <div className="field">
                <label htmlFor={`${id}-ver`}>MQTT version</label>
                <select id={`${id}-ver`} className="input" value={draft.protocolVersion} onChange={(e) => set('protocolVersion', Number(e.target.value) as 4 | 5)}>
                  <option value={4}>3.1.1</option>
                  <option value={5}>5</option>
                </select>
              </div>
            </div>
          </div>
          <div className={styles.grid2}>
            <div className="field">
              <label htmlFor={`${id}-user`}>Username</label>
              <input id={`${id}-user`} className="input" autoComplete="username" value={draft.username} onChange={(e) => set('username', e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-pass`}>Password</label>
              <input id={`${id}-pass`} className="input" type="password" autoComplete="current-password" value={draft.password} onChange={(e) => set('password', e.target.value)} aria-describedby={notes.password && `${id}-pass-note`} />
              <Note id={`${id}-pass-note`} text={notes.password} />
            </div>
          </div>
          <div style={{ display: 'flex', gap: 24 }}>
            <label className="check">
              <input type="checkbox" checked={draft.rememberPassword} onChange={(e) => set('rememberPassword', e.target.checked)} aria-describedby={`${id}-remember-note`} /> Remember password
            </label>
            <label className="check">
              <input type="checkbox" checked={draft.clean} onChange={(e) => set('clean', e.target.checked)} /> Clean start
            </label>
          </div>
          <span id={`${id}-remember-note`} className="field-hint">{REMEMBER_NOTE}</span>
          <div className="field">
            <label htmlFor={`${id}-subs`}>Subscriptions</label>
            <textarea id={`${id}-subs`} className="input" rows={3} value={subsText} onChange={(e) => setSubsText(e.target.value)} {...described('subscriptions')} />
            <span className="field-hint">One topic filter per line; + matches one level, # the rest. $SYS/# must be listed to see broker topics.</span>
            {err('subscriptions')}
            <GrantedSubscriptions />
          </div>
          <ConnectionDetails />
          <fieldset className={styles.fieldset}>
            <legend>Last will (optional)</legend>
            <div className={styles.grid4}>
              <div className="field">
                <label htmlFor={`${id}-wt`}>Will topic</label>
                <input id={`${id}-wt`} className="input mono" value={draft.willTopic} onChange={(e) => set('willTopic', e.target.value)} {...described('willTopic')} />
                {err('willTopic')}
              </div>
              <div className="field">
                <label htmlFor={`${id}-wp`}>Will payload</label>
                <input id={`${id}-wp`} className="input mono" value={draft.willPayload} onChange={(e) => set('willPayload', e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-wq`}>Will QoS</label>
                <select id={`${id}-wq`} className="input" value={draft.willQos} onChange={(e) => set('willQos', Number(e.target.value) as 0 | 1 | 2)}>
                  <option value={0}>0</option>
                  <option value={1}>1</option>
                  <option value={2}>2</option>
                </select>
              </div>
              <label className="check" style={{ height: 32 }}>
                <input type="checkbox" checked={draft.willRetain} onChange={(e) => set('willRetain', e.target.checked)} /> Will retain
              </label>
            </div>
          </fieldset>
          <div className={styles.actions}>
            <button
              type="button"
              className="btn"
              disabled={!(state === 'connected' || state === 'connecting' || state === 'reconnecting')}
              onClick={() => session.disconnect()}
            >
              Disconnect
            </button>
            <button type="submit" className="btn btn-primary">
              Connect
            </button>
          </div>
        </form>
      </div>
    </Modal>
  );
}
