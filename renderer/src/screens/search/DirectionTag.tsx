// Đến, Đi or Dự thảo, as a small coloured label before a found document.
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../../shared/api.ts';

export function DirectionTag({ document }: { document: Pick<DocumentView, 'direction' | 'state'> }) {
  const { t } = useTranslation('search');
  return (
    <span className={`search-direction search-direction-${document.direction}`}>
      {t(`direction.${document.state === 'draft' ? 'draft' : document.direction}`)}
    </span>
  );
}
