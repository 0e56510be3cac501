// Hoàn thành: the result in a few words and, when the letter is answered, the
// reply draft — picked among the drafts, or written now on the draft form and
// picked on the way back.
import { FormOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterRowView } from '../../../../shared/api.ts';
import { foldVietnamese } from '../../../../shared/fold.ts';
import { call } from '../../api/client.ts';
import { navigate } from '../../app/router.ts';
import { formatDate } from '../../components/dates.ts';
import { HandlingDialog, type StepDialogProps } from './HandlingDialog.tsx';

interface DraftOption {
  value: string;
  label: string;
  /** The label folded (no diacritics, đ→d): typed words match with or without them. */
  search: string;
}

const showSearch = {
  filterOption: (input: string, option?: DraftOption) =>
    option ? option.search.includes(foldVietnamese(input.trim())) : false,
};

interface Values {
  note?: string;
  replyDraftId?: string;
}

/** The latest drafts, newest first: the reply is usually among the few written last. */
function useDrafts(): RegisterRowView[] | null {
  const [drafts, setDrafts] = useState<RegisterRowView[] | null>(null);
  useEffect(() => {
    let stopped = false;
    call('documents.list', { view: 'drafts', limit: 200 })
      .then((page) => {
        if (!stopped) setDrafts(page.rows);
      })
      // Without the list the result is still reported; the reply can be linked from the draft later.
      .catch(() => {
        if (!stopped) setDrafts([]);
      });
    return () => {
      stopped = true;
    };
  }, []);
  return drafts;
}

export function CompleteDialog({ documentId, onDone, onClose }: StepDialogProps) {
  const { t } = useTranslation('handling');
  const [form] = Form.useForm<Values>();
  const drafts = useDrafts();

  return (
    <HandlingDialog<Values>
      testId="handling-dialog-complete"
      title={t('dialog.title.complete')}
      okText={t('action.complete')}
      form={form}
      fields={['note', 'replyDraftId']}
      width={600}
      onClose={onClose}
      onSend={async (values) => {
        await call('handling.complete', {
          id: documentId,
          note: values.note ?? '',
          ...(values.replyDraftId ? { replyDraftId: values.replyDraftId } : {}),
        });
        onDone();
      }}
    >
      <Form.Item name="note" label={t('dialog.result')}>
        <Input.TextArea data-testid="handling-note" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <Form.Item name="replyDraftId" label={t('dialog.replyDraft')} extra={t('dialog.replyDraftHelp')}>
        <Select<string, DraftOption>
          data-testid="handling-reply-draft"
          allowClear
          showSearch={showSearch}
          loading={drafts === null}
          placeholder={t('dialog.pickDraft')}
          options={(drafts ?? []).map((draft): DraftOption => {
            const label = `${formatDate(draft.filedOn)} · ${draft.typeName}: ${draft.subject}`;
            return { value: draft.id, label, search: foldVietnamese(label) };
          })}
        />
      </Form.Item>
      <Button
        size="small"
        icon={<FormOutlined />}
        data-testid="handling-compose-reply"
        title={t('dialog.composeReplyHelp')}
        onClick={() => {
          onClose();
          navigate({ name: 'outgoing-new' });
        }}
      >
        {t('dialog.composeReply')}
      </Button>
    </HandlingDialog>
  );
}
