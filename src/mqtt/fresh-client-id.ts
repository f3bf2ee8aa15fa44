/**
 * A broker that keeps closing the connection right after accepting it is sometimes not
 * overloaded but stuck on our client ID: on a RabbitMQ cluster, after a node died (SIGKILL),
 * the surviving node drops every client with a client ID whose session the dead node held, a
 * few ms after the CONNACK, until that node is back. A fresh client ID gets around it. That
 * costs nothing with Clean start (the session is thrown away anyway), so for such a profile the
 * status says so and the app offers the way out; a kept session would be lost, so there it
 * only explains. Said only for profiles with several broker URLs (known to be a cluster).
 */
export function clusterHint(clean: boolean): string {
  const where = 'On a cluster, a node that failed may still hold this client ID';
  return clean
    ? ` ${where}: a fresh client ID gets around that (Use a fresh client ID).`
    : ` ${where}; a fresh client ID would get around that, but this profile keeps its session (Clean start off), which a new client ID would leave behind.`;
}

/** A fresh client ID for this tab (what an empty Client ID field gets). */
export function generatedClientId(random: () => number = Math.random): string {
  return `switchyard-${random().toString(36).slice(2, 10)}`;
}
