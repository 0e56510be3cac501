// "Mở Cài đặt": where an error says the fix is in Settings, the user gets there in one click.
import type { ReactNode } from 'react';
import { routeHash } from '../../app/router.ts';

export function SettingsLink({ children, onNavigate }: { children: ReactNode; onNavigate?: () => void }) {
  return (
    <a href={routeHash({ name: 'settings' })} onClick={onNavigate}>
      {children}
    </a>
  );
}
