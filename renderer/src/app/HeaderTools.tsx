// The header's tools, drawn after the register's first rows (first-screen.ts):
// the search, the official at the desk, and the background reading, sync
// light and language switch.
import { GlobalSearch } from '../screens/search/GlobalSearch.tsx';
import { DeskPersonControl } from './DeskPersonControl.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { ReadingProgress } from './ReadingProgress.tsx';
import { SyncBadge } from './SyncBadge.tsx';

export default function HeaderTools() {
  return (
    <>
      <GlobalSearch />
      <div className="header-actions">
        <DeskPersonControl />
        <ReadingProgress />
        <SyncBadge />
        <LanguageSwitch />
      </div>
    </>
  );
}
