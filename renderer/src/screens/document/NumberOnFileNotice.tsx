// After cấp số: whether the issued file itself shows its number and date.
// Core writes them into the file's blank "Số: …" and date lines; a file made
// without those lines does not carry them, and the clerk must be told so
// plainly rather than find out from a recipient.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NumberOnFileView } from '../../../../shared/api.ts';

export function NumberOnFileNotice({ onFile, notation }: { onFile: NumberOnFileView | null; notation: string }) {
  const { t } = useTranslation('document');
  if (!onFile) return null;
  const lines = onFile.lines.length > 0 ? t('numberOnFile.lines', { lines: onFile.lines.join(' · ') }) : null;
  if (onFile.why) {
    return (
      <Alert
        className="document-alert"
        type="warning"
        showIcon
        data-testid="number-on-file"
        data-state="missing"
        data-why={onFile.why}
        title={t(`numberOnFile.why.${onFile.why}`, { notation })}
        description={
          <>
            {t('numberOnFile.advice')}
            {lines && <div className="muted">{lines}</div>}
          </>
        }
      />
    );
  }
  if (onFile.number !== 'written' && onFile.date !== 'written') return null;
  return (
    <Alert
      className="document-alert"
      type="success"
      showIcon
      data-testid="number-on-file"
      data-state="written"
      title={t('numberOnFile.written')}
      description={lines}
    />
  );
}
