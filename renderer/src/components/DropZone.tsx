// Where a PDF is dropped or picked: the whole box takes a drop, a click opens
// the file dialog. The <input type="file"> stays in the DOM so tests and
// assistive tools can reach it.
import { FilePdfOutlined, InboxOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSize } from './files.ts';

export interface DropZoneProps {
  testId: string;
  file: File | null;
  onFile: (file: File | null) => void;
  hint: string;
  busy?: boolean;
}

export function DropZone({ testId, file, onFile, hint, busy = false }: DropZoneProps) {
  const { t } = useTranslation('common');
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const pick = () => input.current?.click();
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pick();
    }
  };

  return (
    <div
      data-testid={testId}
      className={`drop-zone${over ? ' drop-zone-over' : ''}${file ? ' drop-zone-filled' : ''}`}
      role="button"
      tabIndex={0}
      aria-label={t('dropZone.pick')}
      onClick={pick}
      onKeyDown={onKeyDown}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <input
        ref={input}
        type="file"
        accept="application/pdf"
        hidden
        onChange={(event) => {
          const picked = event.target.files?.[0];
          // Cleared so picking the same file again still fires a change.
          event.target.value = '';
          if (picked) onFile(picked);
        }}
      />
      {file ? (
        <div className="drop-zone-file">
          <FilePdfOutlined className="drop-zone-icon" />
          <div className="drop-zone-file-text">
            <div className="drop-zone-file-name">{file.name}</div>
            <div className="drop-zone-hint">
              {formatSize(file.size)}
              {busy ? ` · ${t('dropZone.reading')}` : ''}
            </div>
          </div>
          <Button
            size="small"
            onClick={(event) => {
              event.stopPropagation();
              onFile(null);
            }}
          >
            {t('dropZone.remove')}
          </Button>
        </div>
      ) : (
        <>
          <InboxOutlined className="drop-zone-icon" />
          <div className="drop-zone-title">{t('dropZone.title')}</div>
          <div className="drop-zone-hint">{hint}</div>
        </>
      )}
    </div>
  );
}
