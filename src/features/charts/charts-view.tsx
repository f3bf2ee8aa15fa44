import { ComingSoon } from '../../components/coming-soon';

export function ChartsView() {
  return <ComingSoon title="Charts" what="Live charts of numeric readings and JSON fields." />;
}
