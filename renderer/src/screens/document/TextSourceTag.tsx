// Where a file's searchable text came from, when that is not simply its own
// text layer: read by OCR (may hold misread words), still waiting for OCR, not
// readable at all (the document is then found only by what was typed in), or
// a text layer with scanned pages OCR could not read.
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AttachmentView } from '../../../../shared/api.ts';

const colors = { ocr: 'blue', pending: 'processing', none: 'warning', partial: 'warning' } as const;

export function TextSourceTag({ attachment }: { attachment: AttachmentView }) {
  const { t } = useTranslation('document');
  const source = attachment.textSource === 'pdf' ? (attachment.textNote ? 'partial' : null) : attachment.textSource;
  if (!source) return null;
  // Core's own words on why some text could not be read say more than a general line.
  const explanation = attachment.textNote ?? t(`attachments.text.${source}Help`);
  return (
    <Tooltip title={explanation}>
      <Tag color={colors[source]} className="text-source-tag" data-testid="text-source-tag" data-source={source}>
        {t(`attachments.text.${source}`)}
      </Tag>
    </Tooltip>
  );
}
