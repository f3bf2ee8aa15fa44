export function ComingSoon({ title, what }: { title: string; what: string }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      <p>{what}</p>
      <p>This view is not built yet. The Explorer shows everything arriving from your broker right now.</p>
    </div>
  );
}
