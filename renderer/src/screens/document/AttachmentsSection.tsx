// The document's files: the main PDF and its appendices, each with where its
// searchable text came from. A copy can be saved anywhere; an appendix (or the
// main file a draft still lacks) can be added.
import { DownloadOutlined, FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatDateTime } from '../../components/dates.ts';
import { downloadBase64, fileToBase64, formatSize } from '../../components/files.ts';
import { OcrProgress } from '../../components/OcrProgress.tsx';
import { Section } from '../../components/Section.tsx';
import { useOcrWait } from '../../components/use-ocr-wait.ts';
import { TextSourceTag } from './TextSourceTag.tsx';

export function AttachmentsSection({ document, onChanged }: { document: DocumentView; onChanged: () => void }) {
  const { t } = useTranslation('document');
  const picker = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const ocr = useOcrWait();
  const hasMain = document.attachments.some((attachment) => attachment.role === 'main');

  const download = async (attachmentId: string, sha256?: string) => {
    setBusy(sha256 ?? attachmentId);
    setError(null);
    try {
      const file = await call('attachments.read', { documentId: document.id, attachmentId, sha256 });
      downloadBase64(file.base64, file.filename, file.mime);
    } catch (failure) {
      setError(asCoreError(failure));
    } finally {
      setBusy(null);
    }
  };

  const add = async (file: File) => {
    setBusy('add');
    setError(null);
    try {
      const base64 = await fileToBase64(file);
      // A scan is read by OCR before it is added; Dừng adds it at once and leaves its text for later.
      await ocr.follow(() =>
        call('attachments.add', {
          documentId: document.id,
          file: { base64, filename: file.name },
          role: hasMain ? 'appendix' : 'main',
        }),
      );
      onChanged();
    } catch (failure) {
      setError(asCoreError(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Section
      title={t('sections.attachments', { count: document.attachments.length })}
      extra={
        <>
          <input
            ref={picker}
            type="file"
            accept="application/pdf"
            hidden
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void add(file);
            }}
          />
          <Button
            size="small"
            icon={<PaperClipOutlined />}
            loading={busy === 'add'}
            onClick={() => picker.current?.click()}
          >
            {hasMain ? t('attachments.addAppendix') : t('attachments.addMain')}
          </Button>
        </>
      }
    >
      {document.attachments.length === 0 && <div className="muted">{t('attachments.none')}</div>}
      <ul className="plain-list">
        {document.attachments.map((attachment) => (
          <li key={attachment.id} className="plain-list-item" data-testid="attachment-item">
            <FilePdfOutlined className={attachment.role === 'main' ? 'icon-main' : 'icon-muted'} />
            <span className="plain-list-main" title={attachment.filename}>
              {attachment.filename}
            </span>
            <TextSourceTag attachment={attachment} />
            <span className="muted">
              {t(`attachments.role.${attachment.role}`)} · {formatSize(attachment.size)}
            </span>
            <Button
              size="small"
              type="text"
              icon={<DownloadOutlined />}
              loading={busy === attachment.id}
              onClick={() => void download(attachment.id)}
              aria-label={t('attachments.download')}
              title={t('attachments.download')}
            />
          </li>
        ))}
      </ul>
      {document.attachments.map((attachment) => (
        <EarlierVersions key={attachment.id} attachment={attachment} busy={busy} onDownload={download} />
      ))}
      {busy === 'add' && <OcrProgress wait={ocr} stopHint={t('attachments.stopOcr')} />}
      <ErrorNotice error={error} onClose={() => setError(null)} />
    </Section>
  );
}

/** The file's earlier states (each draft before its revision, the file before each signature), each one downloadable. */
function EarlierVersions({
  attachment,
  busy,
  onDownload,
}: {
  attachment: DocumentView['attachments'][number];
  busy: string | null;
  onDownload: (attachmentId: string, sha256: string) => Promise<void>;
}) {
  const { t } = useTranslation('document');
  if (attachment.versions.length === 0) return null;
  return (
    <details className="attachment-versions" data-testid="attachment-versions">
      <summary>{t('attachments.versions', { count: attachment.versions.length, name: attachment.filename })}</summary>
      <ul className="plain-list">
        {attachment.versions.map((version) => (
          <li key={version.version} className="plain-list-item" data-testid="attachment-version">
            <span className="plain-list-main">
              {t('attachments.version', { n: version.version, when: formatDateTime(version.replacedAt) })}
            </span>
            <span className="muted">{t(`attachments.replacedBy.${replacedKind(version.replacedBy)}`)}</span>
            <Button
              size="small"
              type="text"
              icon={<DownloadOutlined />}
              loading={busy === version.sha256}
              onClick={() => void onDownload(attachment.id, version.sha256)}
              aria-label={t('attachments.download')}
              title={t('attachments.download')}
            />
          </li>
        ))}
      </ul>
    </details>
  );
}

/** What replaced a version, as core records it: a revision, the number written on, or a signature's id. */
function replacedKind(replacedBy: string): 'revision' | 'number' | 'signature' {
  if (replacedBy === 'revision') return 'revision';
  return replacedBy.startsWith('number:') ? 'number' : 'signature';
}
