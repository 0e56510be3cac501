// One document: its PDF on the left; on the right its handling (who does
// what by when, and the steps to take), what the register says about it, its
// files, signatures, work files, deliveries and history. Drafts
// are issued (numbered) from here; outgoing documents are signed from here.
import { ArrowLeftOutlined, EditOutlined, NumberOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Empty, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outputs } from '../../../../shared/api.ts';
import { asCoreError, call, useCoreEvent, type CoreError } from '../../api/client.ts';
import { useDeskPerson } from '../../app/desk-person.tsx';
import { navigate } from '../../app/router.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { OverdueTag, SecrecyTag, UrgencyTag } from '../../components/Tags.tsx';
import { HandlingSection } from '../handling/HandlingSection.tsx';
import { SignDialog } from '../sign/SignDialog.tsx';
import { AttachmentsSection } from './AttachmentsSection.tsx';
import { DeliveriesSection } from './DeliveriesSection.tsx';
import { EditDocumentDialog } from './EditDocumentDialog.tsx';
import { HistorySection } from './HistorySection.tsx';
import { MetadataSection } from './MetadataSection.tsx';
import { NumberOnFileNotice } from './NumberOnFileNotice.tsx';
import { PdfViewer } from './PdfViewer.tsx';
import { SignaturesSection } from './SignaturesSection.tsx';
import { WorkFilesSection } from './WorkFilesSection.tsx';

type Document = Outputs['documents.get'];

const stateColors = { registered: 'blue', draft: 'default', issued: 'green' } as const;

export function DocumentPage({ id }: { id: string }) {
  const { t } = useTranslation(['document', 'common']);
  const { modal, message } = App.useApp();
  const [document, setDocument] = useState<Document | null>(null);
  const [loadError, setLoadError] = useState<CoreError | null>(null);
  const [actionError, setActionError] = useState<CoreError | null>(null);
  const [editing, setEditing] = useState(false);
  const [signing, setSigning] = useState(false);
  // Counts the loads, so the history is read again after every change made here.
  const [revision, setRevision] = useState(0);
  const signIds = useMemo(() => [id], [id]);

  const reload = useCallback(() => {
    call('documents.get', { id })
      .then((loaded) => {
        setDocument(loaded);
        setLoadError(null);
        setRevision((n) => n + 1);
      })
      .catch((failure: unknown) => setLoadError(asCoreError(failure)));
  }, [id]);
  // Another official switching in sees the steps that are theirs to take.
  const { version: deskVersion } = useDeskPerson();
  useEffect(reload, [reload, deskVersion]);

  // A scan left for OCR is read in the background: when that reading ends, its files' tags change.
  const waitsForText = document?.attachments.some((attachment) => attachment.textSource === 'pending') ?? false;
  useCoreEvent((event) => {
    if (waitsForText && event.type === 'reading.progress' && event.done >= event.total) reload();
  });

  if (loadError && !document) {
    return (
      <div className="page-padded">
        <ErrorNotice error={loadError} />
        <Button className="back-button" icon={<ArrowLeftOutlined />} onClick={() => window.history.back()}>
          {t('back')}
        </Button>
      </div>
    );
  }
  if (!document) {
    return (
      <div className="app-center">
        <Spin />
      </div>
    );
  }

  const main = document.attachments.find((attachment) => attachment.role === 'main');
  const isDraft = document.state === 'draft';
  const canSign = document.direction === 'outgoing' && main !== undefined;
  const registerView = document.direction === 'incoming' ? 'incoming' : isDraft ? 'drafts' : 'outgoing';
  const heading = isDraft
    ? t('draftHeading', { type: document.typeName })
    : `${document.typeName} ${document.notation ?? ''}`.trim();

  const issue = () => {
    setActionError(null);
    modal.confirm({
      title: t('issue.confirmTitle'),
      content: t('issue.confirmText'),
      okText: t('issue.confirm'),
      cancelText: t('common:cancel'),
      onOk: async () => {
        try {
          const issued = await call('outgoing.issue', { id: document.id });
          message.success(t('issue.done', { notation: issued.notation ?? '' }));
          reload();
        } catch (failure) {
          setActionError(asCoreError(failure));
        }
      },
    });
  };

  // Bytes change when the document is signed or a file is added: the viewer and the verification follow.
  const fileKey = document.attachments.map((attachment) => attachment.sha256).join(',');
  return (
    <div className="document-page" data-testid="document-detail" data-id={document.id}>
      <div className="document-head">
        <Button
          size="small"
          type="text"
          icon={<ArrowLeftOutlined />}
          onClick={() => navigate({ name: registerView })}
          aria-label={t('back')}
          title={t('back')}
        />
        <div className="document-head-text">
          <div className="document-heading">
            <Typography.Title level={4} className="page-title">
              {heading}
            </Typography.Title>
            <Tag color={stateColors[document.state]}>{t(`state.${document.state}`)}</Tag>
            {document.registerNumber !== null && (
              <Tag>
                {t(document.direction === 'incoming' ? 'arrivalNumber' : 'outgoingNumber', {
                  number: document.registerNumber,
                  year: document.registerYear,
                })}
              </Tag>
            )}
            <UrgencyTag urgency={document.urgency} />
            <SecrecyTag secrecy={document.secrecy} />
            {document.overdue && <OverdueTag />}
          </div>
          <div className="document-subject" title={document.subject}>
            {document.subject}
          </div>
        </div>
        <div className="page-toolbar-actions">
          <Button size="small" icon={<EditOutlined />} data-testid="edit-open" onClick={() => setEditing(true)}>
            {t('edit.open')}
          </Button>
          {canSign && (
            <Button
              size="small"
              icon={<SafetyCertificateOutlined />}
              data-testid="sign-button"
              onClick={() => setSigning(true)}
            >
              {t('sign')}
            </Button>
          )}
          {isDraft && (
            <Button size="small" type="primary" icon={<NumberOutlined />} data-testid="issue-button" onClick={issue}>
              {t('issue.button')}
            </Button>
          )}
        </div>
      </div>
      {actionError && (
        <div className="document-alert">
          <ErrorNotice error={actionError} onClose={() => setActionError(null)} />
        </div>
      )}
      <NumberOnFileNotice onFile={document.numberOnFile} notation={document.notation ?? ''} />
      {loadError && (
        <div className="document-alert">
          <ErrorNotice error={loadError} onClose={() => setLoadError(null)} />
        </div>
      )}
      <div className="document-body">
        <div className="document-viewer">
          {main ? (
            <PdfViewer key={`${main.id}:${main.sha256}`} documentId={document.id} attachmentId={main.id} />
          ) : (
            <div className="pdf-viewer pdf-viewer-empty">
              <Empty description={t('pdf.noFile')} />
            </div>
          )}
        </div>
        <div className="document-side">
          <HandlingSection document={document} onChanged={reload} />
          <MetadataSection document={document} />
          <AttachmentsSection document={document} onChanged={reload} />
          <SignaturesSection documentId={document.id} fileKey={fileKey} />
          {document.direction === 'outgoing' && <DeliveriesSection document={document} />}
          <WorkFilesSection document={document} onChanged={reload} />
          <HistorySection documentId={document.id} revision={revision} />
        </div>
      </div>
      <EditDocumentDialog
        document={document}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          message.success(t('edit.saved'));
          reload();
        }}
      />
      {canSign && (
        <SignDialog
          open={signing}
          documentIds={signIds}
          onClose={() => setSigning(false)}
          onDone={() => {
            setSigning(false);
            reload();
          }}
        />
      )}
    </div>
  );
}
