// Where the pre-filled fields came from, so the clerk knows how far to trust
// them: the PDF's own text, OCR of a scan (every field to be checked), or
// nothing at all (a blurred scan, a picture, or OCR the clerk stopped).
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PrefillView } from '../../../../shared/api.ts';

export function PrefillNote({
  prefill,
  stopped,
  unchecked,
}: {
  prefill: PrefillView;
  stopped: boolean;
  /** How many filled fields the clerk has not looked at yet. */
  unchecked: number;
}) {
  const { t } = useTranslation('incoming');
  const pages = prefill.pageCount;
  const toCheck =
    unchecked > 0 ? (
      <div className="prefill-unchecked" data-testid="prefill-unchecked" data-count={unchecked}>
        {t('prefill.unchecked', { count: unchecked })}
      </div>
    ) : null;
  if (prefill.textSource === 'pdf') {
    return (
      <Typography.Paragraph type="secondary" className="prefill-note" data-testid="prefill-note" data-source="pdf">
        {t('prefill.read', { pages })}
        {toCheck}
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
      description={toCheck}
    />
  );
}
