import { useState } from 'react';
import { deleteProfile, renameProfile, type Profile } from '../../stores/profiles-store';
import styles from './connection.module.css';

interface Props {
  profiles: Profile[];
  currentId: string;
  onChoose: (p: Profile) => void;
  onNew: () => void;
}

/** Saved profiles: choose, rename (inline), delete (with confirmation). */
export function ProfileList({ profiles, currentId, onChoose, onNew }: Props) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  return (
    <section className={styles.profiles} aria-label="Saved profiles">
      <h3>Profiles</h3>
      <ul>
        {profiles.map((p) => (
          <li key={p.id} className={styles.profileItem} data-active={p.id === currentId}>
            {renaming === p.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  if (name.trim()) renameProfile(p.id, name.trim());
                  setRenaming(null);
                }}
              >
                <input
                  className="input"
                  aria-label={`New name for ${p.name}`}
                  value={name}
                  autoFocus
                  onChange={(e) => setName(e.target.value)}
                  onBlur={() => setRenaming(null)}
                  onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
                />
              </form>
            ) : confirmDelete === p.id ? (
              <span style={{ display: 'flex', gap: 4, padding: 4, alignItems: 'center', flexWrap: 'wrap' }}>
                <button type="button" className="btn btn-sm btn-danger" onClick={() => { deleteProfile(p.id); setConfirmDelete(null); }}>
                  Delete profile {p.name}
                </button>
                <button type="button" className="btn btn-sm" onClick={() => setConfirmDelete(null)}>Keep</button>
              </span>
            ) : (
              <>
                {/* Named by its content (so the name holds what is shown): "Choose profile <name> <url>". */}
                <button type="button" className={styles.profileChoose} onClick={() => onChoose(p)}>
                  <span className="sr-only">Choose profile </span>
                  <span>{p.name}</span>
                  <small>{p.url}{p.moreUrls?.length ? ` +${p.moreUrls.length}` : ''}</small>
                </button>
                <button type="button" className="btn btn-sm btn-ghost" aria-label={`Rename ${p.name}`} title="Rename" onClick={() => { setRenaming(p.id); setName(p.name); }}>
                  ✎
                </button>
                <button type="button" className="btn btn-sm btn-ghost" aria-label={`Delete ${p.name}`} title="Delete" onClick={() => setConfirmDelete(p.id)}>
                  ✕
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn-sm" onClick={onNew}>+ New profile</button>
    </section>
  );
}
