import { hasBlockedUrl, switchToWss } from '../../lib/mixed-content';

interface Props {
  /** The Broker URL field's text (one URL per line). */
  text: string;
  onSwitch: (text: string) => void;
}

/** Next to the mixed-content note: one click turns the ws:// URLs into wss:// (same host and port). */
export function UseWssOffer({ text, onSwitch }: Props) {
  if (!hasBlockedUrl(text, location.protocol)) return null;
  return (
    <span>
      <button type="button" className="btn btn-sm" onClick={() => onSwitch(switchToWss(text))}>
        Use wss://
      </button>{' '}
      <span className="field-hint">then check the port: brokers often serve wss:// on another one.</span>
    </span>
  );
}
