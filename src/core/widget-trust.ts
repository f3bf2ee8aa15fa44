/**
 * Which widgets may command what without asking. Topics starting with `$` belong to the broker
 * (`$SYS` statistics, Mosquitto's `$CONTROL/dynamic-security/v1` that creates users, changes
 * passwords and roles). A widget that publishes there does what an administrator does, so one
 * that arrives from elsewhere must not be able to do it on a click meant for "Kitchen light":
 * - Home Assistant discovery: refused outright (mapDiscovery says why).
 * - An imported dashboard: kept, but marked `unconfirmed`; its first command asks, naming the
 *   exact topic and payload, and only a confirmation clears the mark.
 * Widgets the user wrote in the Add / Edit widget dialog are trusted as written.
 */
import type { DashboardContent, Widget } from './dashboard-schema';

/** A draft or a stored widget: anything with a type and its topics. */
type WidgetLike = { type: Widget['type'] } & Partial<Record<'commandTopic' | 'topic', string>>;

/** True for the broker's reserved topics (`$SYS/…`, `$CONTROL/…`, any `$…`). */
export const isBrokerTopic = (topic: string): boolean => topic.startsWith('$');

/** The topics a widget publishes to (switch, button, slider); readers publish nothing. */
export function commandTopicsOf(w: WidgetLike): string[] {
  switch (w.type) {
    case 'switch':
      return w.commandTopic ? [w.commandTopic] : [];
    case 'button':
    case 'slider':
      return w.topic ? [w.topic] : [];
    default:
      return [];
  }
}

/** The first broker topic ($…) the widget would publish to, if any. */
export function brokerCommandTopic(w: WidgetLike): string | undefined {
  return commandTopicsOf(w).find(isBrokerTopic);
}

/**
 * An imported dashboard as it may be stored: widgets that command a broker topic are marked
 * unconfirmed whatever the file says; any other widget carries no mark.
 */
export function markImported(content: DashboardContent): { content: DashboardContent; unconfirmed: Widget[] } {
  const unconfirmed: Widget[] = [];
  const widgets = content.widgets.map((w): Widget => {
    const { unconfirmed: _ignored, ...rest } = w;
    if (!brokerCommandTopic(w)) return rest as Widget;
    const marked = { ...rest, unconfirmed: true } as Widget;
    unconfirmed.push(marked);
    return marked;
  });
  return { content: { ...content, widgets }, unconfirmed };
}
