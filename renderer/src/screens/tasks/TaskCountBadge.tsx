// The number beside "Việc của tôi" in the side navigation: what waits on the
// official at the desk, counted by the desk's own poll (app/desk-person.tsx).
import { useDeskPerson } from '../../app/desk-person.tsx';

export default function TaskCountBadge() {
  const { counts } = useDeskPerson();
  if (!counts || counts.total === 0) return null;
  return (
    <span
      className={counts.overdue > 0 ? 'app-nav-badge app-nav-badge-overdue' : 'app-nav-badge'}
      data-testid="nav-tasks-count"
      data-count={counts.total}
    >
      {counts.total}
    </span>
  );
}
