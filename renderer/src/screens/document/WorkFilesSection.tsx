// Hồ sơ: the work files the document is kept in. It can go into an open one,
// or a new one made on the spot, and be taken out again.
import { CloseOutlined, FolderOpenOutlined, FolderAddOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Popconfirm, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outputs, WorkFileView } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Section } from '../../components/Section.tsx';

type DocumentWithFiles = Outputs['documents.get'];

export function WorkFilesSection({ document, onChanged }: { document: DocumentWithFiles; onChanged: () => void }) {
  const { t } = useTranslation(['document', 'common']);
  const [openFiles, setOpenFiles] = useState<WorkFileView[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  const [form] = Form.useForm<{ title: string; code?: string }>();

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onChanged();
      return true;
    } catch (failure) {
      setError(asCoreError(failure));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const loadOpenFiles = () => {
    call('workFiles.list', {})
      .then((list) => setOpenFiles(list.results.filter((file) => file.closedOn === null)))
      .catch((failure: unknown) => setError(asCoreError(failure)));
  };

  // A form with missing fields shows its own messages and stays open.
  const createAndAdd = async () => {
    let values: { title: string; code?: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const done = await run(async () => {
      const created = await call('workFiles.create', { title: values.title, code: values.code });
      await call('workFiles.addDocument', { workFileId: created.id, documentId: document.id });
    });
    if (done) setCreating(false);
  };

  const inFiles = new Set(document.workFiles.map((file) => file.id));
  const label = (file: { code: string | null; title: string }) =>
    file.code ? `${file.code} — ${file.title}` : file.title;

  return (
    <Section
      title={t('sections.workFiles', { count: document.workFiles.length })}
      extra={
        <Button size="small" icon={<FolderAddOutlined />} onClick={() => setCreating(true)}>
          {t('workFiles.create')}
        </Button>
      }
    >
      {document.workFiles.length === 0 && <div className="muted">{t('workFiles.none')}</div>}
      <ul className="plain-list">
        {document.workFiles.map((file) => (
          <li key={file.id} className="plain-list-item">
            <FolderOpenOutlined className="icon-muted" />
            <span className="plain-list-main">{label(file)}</span>
            <Popconfirm
              title={t('workFiles.removeConfirm')}
              okText={t('workFiles.remove')}
              cancelText={t('common:cancel')}
              // eslint-disable-next-line @typescript-eslint/no-misused-promises -- Popconfirm awaits a returned promise (OK spins, the confirm stays open until done); antd types it void
              onConfirm={() =>
                run(() => call('workFiles.removeDocument', { workFileId: file.id, documentId: document.id }))
              }
            >
              <Button
                size="small"
                type="text"
                icon={<CloseOutlined />}
                aria-label={t('workFiles.remove')}
                title={t('workFiles.remove')}
              />
            </Popconfirm>
          </li>
        ))}
      </ul>
      <Select<string>
        className="full-width"
        size="small"
        placeholder={t('workFiles.addPlaceholder')}
        value={null}
        showSearch={{ optionFilterProp: 'label' }}
        onOpenChange={(open) => open && loadOpenFiles()}
        options={(openFiles ?? [])
          .filter((file) => !inFiles.has(file.id))
          .map((file) => ({ value: file.id, label: label(file) }))}
        notFoundContent={t('workFiles.noOpen')}
        onChange={(workFileId) =>
          void run(() => call('workFiles.addDocument', { workFileId, documentId: document.id }))
        }
      />
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Modal
        open={creating}
        title={t('workFiles.createTitle')}
        okText={t('workFiles.createAndAdd')}
        cancelText={t('common:cancel')}
        confirmLoading={busy}
        destroyOnHidden
        onCancel={() => setCreating(false)}
        onOk={() => void createAndAdd()}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="title"
            label={t('workFiles.title')}
            rules={[{ required: true, whitespace: true, message: t('edit.required') }]}
          >
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="code" label={t('workFiles.code')}>
            <Input placeholder="01.VP" />
          </Form.Item>
        </Form>
      </Modal>
    </Section>
  );
}
