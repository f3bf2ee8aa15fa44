import { ComingSoon } from '../../components/coming-soon';

export function PublishView() {
  return <ComingSoon title="Publish" what="Send messages with QoS 0/1/2, retain, payload formats and MQTT 5 properties." />;
}
