import { Component, type ReactNode } from 'react';
import { Link } from './router';
import styles from './notices.module.css';

interface Props {
  /** The view's name, for the message ("The Charts view stopped"). */
  name: string;
  children: ReactNode;
}

/**
 * One per routed view: a view that throws while rendering shows what happened and
 * a way back, instead of blanking the whole app. The navigation, the connection
 * and every other view keep working.
 */
export class ViewBoundary extends Component<Props, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: unknown) {
    console.error(`[${this.props.name} view]`, error);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className={styles.crash} role="alert" aria-labelledby="view-crash-title">
        <h2 id="view-crash-title">The {this.props.name} view stopped working</h2>
        <p>Something in this view failed while showing it. The connection and the other views keep working.</p>
        <pre>{error.message || error.name}</pre>
        <div className={styles.actions}>
          {this.props.name !== 'Explorer' && (
            <Link className="btn btn-primary" to="/explorer">
              Back to Explorer
            </Link>
          )}
          <button type="button" className="btn" onClick={() => location.reload()}>
            Reload
          </button>
        </div>
      </div>
    );
  }
}
