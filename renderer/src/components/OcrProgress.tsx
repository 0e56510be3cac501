// "Đang nhận dạng chữ trên bản quét: trang 1/3…" with a Dừng button, while a
// call waits for OCR of a scan (see use-ocr-wait.ts).
import { LoadingOutlined } from '@ant-design/icons';
import { Button, Progress, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OcrWait } from './use-ocr-wait.ts';

interface Props {
  wait: OcrWait;
  /** What stopping does to the call waiting: shown on the button. */
  stopHint: string;
}

export function OcrProgress({ wait, stopHint }: Props) {
  const { t } = useTranslation('common');
  const { progress, stopping } = wait;
  if (!progress) return null;
  // `done` counts pages already read: the one being read is the next.
  const page = Math.min(progress.done + 1, progress.total);
  return (
    <div className="ocr-progress" data-testid="ocr-progress" data-done={progress.done} data-total={progress.total}>
      <div className="ocr-progress-line">
        <LoadingOutlined spin className="ocr-progress-icon" />
        <span className="ocr-progress-text">
          {stopping ? t('ocr.stopping') : t('ocr.progress', { page, total: progress.total })}
        </span>
        <Tooltip title={stopHint}>
          <Button size="small" data-testid="ocr-stop" loading={stopping} onClick={() => void wait.stop()}>
            {t('ocr.stop')}
          </Button>
        </Tooltip>
      </div>
      {/* One page shows no progress worth a bar: the turning icon says it is working. */}
      {progress.total > 1 && (
        <Progress
          percent={Math.round((progress.done / progress.total) * 100)}
          size="small"
          status="active"
          showInfo={false}
        />
      )}
    </div>
  );
}
