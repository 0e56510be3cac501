// Where the pre-filled fields came from, so the clerk knows how far to trust
// them: the PDF's own text, OCR of a scan (every field to be checked), or
// nothing at all (a blurred scan, a picture, or OCR the clerk stopped).
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PrefillView } from '../../../../shared/api.ts';

export function PrefillNote({ prefill, stopped }: { prefill: PrefillView; stopped: boolean }) {
  const { t } = useTranslation('incoming');
  const pages = prefill.pageCount;
  if (prefill.textSource === 'pdf') {
    return (
      <Typography.Paragraph type="secondary" className="prefill-note" data-testid="prefill-note" data-source="pdf">
        {t('prefill.read', { pages })}
      </Typography.Paragraph>
    );
  }
  const source = prefill.textSource === 'none' && stopped ? 'stopped' : prefill.textSource;
  return (
    <Alert
      className="prefill-alert"
      data-testid="prefill-note"
      data-source={source}
      type={source === 'ocr' ? 'warning' : 'info'}
      showIcon
      title={t(`prefill.${source}`, { pages })}
    />
  );
}
