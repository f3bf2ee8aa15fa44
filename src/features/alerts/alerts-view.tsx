import { useRef, useState } from 'react';
import { useLiveModel } from '../../hooks/use-model';
import { Dialog } from '../../components/dialog';
import { Icon } from '../../components/icons';
import { SettingsPage, type PageNotice } from '../../components/settings-page';
import { describeRule, draftOf, emptyDraft, type AlertRule } from '../../core/alert-rules';
import { addRule, importRules, removeRule, setNotify, setRuleEnabled, updateRule, useAlertRulesStore } from '../../stores/alert-rules-store';
import { takeAlertDraft, useAlertsUi } from '../../stores/alerts-ui';
import { alerts } from './runtime';
import { RuleDialog } from './rule-dialog';
import { RulesTable } from './rules-table';
import { AlertLog } from './alert-log';
import { downloadRules, readRulesFile } from './rules-file';
import { askNotificationPermission, notificationPermission, type Permission } from './notify';
import styles from './alerts.module.css';

type Open = { kind: 'add' } | { kind: 'edit'; rule: AlertRule } | { kind: 'delete'; rule: AlertRule };

/** The Alerts view: rules (add, edit, enable, delete, import, export), the log, notifications. */
export function AlertsView() {
  // States, notes and the log follow the engine, at most 4 times a second (a flapping rule can change it every frame).
  useLiveModel(alerts, (e) => e.version, 250);
  const rules = useAlertRulesStore((s) => s.rules);
  const notify = useAlertRulesStore((s) => s.notify);
  const requested = useAlertsUi((s) => s.draft);
  const [open, setOpen] = useState<Open | null>(null);
  const [notice, setNotice] = useState<PageNotice | null>(null);
  const [permission, setPermission] = useState<Permission>(notificationPermission);
  const fileRef = useRef<HTMLInputElement>(null);
  const log = alerts.log;

  const closeDialog = () => {
    setOpen(null);
    takeAlertDraft();
  };
  const saveNew = (rule: Omit<AlertRule, 'id' | 'enabled'>) => {
    const r = addRule(rule);
    if (!r.ok) return r.error;
    closeDialog();
    setNotice({ kind: 'ok', text: `Added ${describeRule({ ...rule, id: r.id, enabled: true })}.` });
    return undefined;
  };

  const toggleNotifications = async () => {
    if (notify && permission === 'granted') {
      setNotify(false);
      return;
    }
    const p = await askNotificationPermission();
    setPermission(p);
    if (p === 'granted') setNotify(true);
    else setNotice({ kind: 'error', text: 'The browser does not allow notifications for this site; allow them in the site settings, then try again.' });
  };

  const importFile = async (file: File) => {
    const parsed = await readRulesFile(file);
    if (!parsed.ok) return setNotice({ kind: 'error', text: `Import failed: ${parsed.error}. Nothing was changed.` });
    const r = importRules(parsed.rules);
    if (!r.ok) return setNotice({ kind: 'error', text: `Import failed: ${r.error}. Nothing was changed.` });
    const there = r.skipped ? ` ${r.skipped} ${r.skipped === 1 ? 'was' : 'were'} already there.` : '';
    setNotice({ kind: 'ok', text: `Imported ${r.added} ${r.added === 1 ? 'rule' : 'rules'}.${there}` });
  };

  const addInitial = requested ? { ...emptyDraft(requested.filter), jsonPath: requested.jsonPath ?? '' } : emptyDraft();
  const showAdd = open?.kind === 'add' || (!open && requested !== undefined);
  const notifyOn = notify && permission === 'granted';

  return (
    <SettingsPage
      title="Alerts"
      sub={
        <>
          {rules.length} {rules.length === 1 ? 'rule' : 'rules'} · {alerts.active} firing
        </>
      }
      notice={notice}
      buttons={
        <>
          {permission !== 'unsupported' && (
            <button type="button" className="btn" onClick={() => void toggleNotifications()} aria-pressed={notifyOn}>
              {notifyOn ? 'Turn off notifications' : 'Enable notifications'}
            </button>
          )}
          <button type="button" className="btn" onClick={() => fileRef.current?.click()}>
            <Icon name="upload" size={15} /> Import rules
          </button>
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            hidden
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file);
              e.target.value = '';
            }}
          />
          <button type="button" className="btn" onClick={() => downloadRules(rules)} disabled={rules.length === 0}>
            <Icon name="download" size={15} /> Export rules
          </button>
          <button type="button" className="btn btn-primary" onClick={() => setOpen({ kind: 'add' })}>
            <Icon name="plus" size={15} /> Add alert rule
          </button>
        </>
      }
    >
      <div className={styles.sections}>
        <section className={styles.section} aria-labelledby="alert-rules-heading">
          <h2 id="alert-rules-heading">Rules</h2>
          <RulesTable
            rules={rules}
            onEdit={(rule) => setOpen({ kind: 'edit', rule })}
            onDelete={(rule) => setOpen({ kind: 'delete', rule })}
            onEnabled={(rule, enabled) => setRuleEnabled(rule.id, enabled)}
          />
        </section>
        <section className={styles.section} aria-labelledby="alert-log-heading">
          <h2 id="alert-log-heading">
            Log <span className={styles.count}>{log.length ? `${log.length} ${log.length === 1 ? 'entry' : 'entries'}` : ''}</span>
            {log.length > 0 && (
              <button type="button" className={`btn btn-sm ${styles.clear}`} onClick={() => alerts.clearLog()}>
                Clear log
              </button>
            )}
          </h2>
          <AlertLog log={log} />
        </section>
      </div>
      {showAdd && <RuleDialog title="Add alert rule" initial={addInitial} onCancel={closeDialog} onSave={saveNew} />}
      {open?.kind === 'edit' && (
        <RuleDialog
          title="Edit alert rule"
          initial={draftOf(open.rule)}
          onCancel={closeDialog}
          onSave={(rule) => {
            updateRule(open.rule.id, rule);
            closeDialog();
            return undefined;
          }}
        />
      )}
      {open?.kind === 'delete' && (
        <Dialog
          title="Delete alert rule?"
          confirmLabel="Delete rule"
          danger
          onCancel={closeDialog}
          onConfirm={() => {
            removeRule(open.rule.id);
            closeDialog();
          }}
        >
          <p>
            The rule <code>{describeRule(open.rule)}</code> will stop being evaluated. Its entries in the log stay.
          </p>
        </Dialog>
      )}
    </SettingsPage>
  );
}
