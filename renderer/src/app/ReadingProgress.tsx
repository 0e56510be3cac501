// The store reading text it owes in the background (old documents after an
// upgrade, scans left for OCR): one quiet line in the header, so the clerk
// knows why the machine is busy and why search may not find those yet. Gone
// when the reading ends.
import { LoadingOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreEvent } from '../api/client.ts';

export function ReadingProgress() {
  const { t } = useTranslation('app');
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);

  useCoreEvent((event) => {
    if (event.type !== 'reading.progress') return;
    setReading(event.done < event.total ? { done: event.done, total: event.total } : null);
  });

  if (!reading) return null;
  return (
    <Tooltip title={t('reading.help')}>
      <span
        className="header-reading"
        data-testid="reading-progress"
        data-done={reading.done}
        data-total={reading.total}
      >
        <LoadingOutlined spin />
        {t('reading.progress', { done: reading.done, total: reading.total })}
      </span>
    </Tooltip>
  );
}
