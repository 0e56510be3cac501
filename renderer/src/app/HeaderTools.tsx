// The header's tools, drawn after the register's first rows (first-screen.ts):
// the search, and the background reading, sync light and language switch.
import { GlobalSearch } from '../screens/search/GlobalSearch.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { ReadingProgress } from './ReadingProgress.tsx';
import { SyncBadge } from './SyncBadge.tsx';

export default function HeaderTools() {
  return (
    <>
      <GlobalSearch />
      <div className="header-actions">
        <ReadingProgress />
        <SyncBadge />
        <LanguageSwitch />
      </div>
    </>
  );
}
