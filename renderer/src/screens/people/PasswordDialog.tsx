// Đặt / bỏ mật khẩu. The clerk sets or resets anyone's; an official changing
// their own gives the current one first (core checks it: a wrong one changes
// nothing, and says so under that field).
import { Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../../../shared/handling.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FocusTrap } from '../../components/FocusTrap.tsx';
import { useErrorText } from '../../components/error-text.ts';

interface PasswordValues {
  currentPassword: string;
  password: string;
  repeat: string;
}

export function PasswordDialog({
  person,
  asksCurrent,
  onClose,
  onSaved,
}: {
  person: PersonView;
  /** The official changes their own password and is not the clerk: core wants the current one. */
  asksCurrent: boolean;
  onClose: () => void;
  onSaved: (saved: PersonView, cleared: boolean) => void;
}) {
  const { t } = useTranslation(['people', 'common']);
  const errorText = useErrorText();
  const [form] = Form.useForm<PasswordValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);

  const save = async (password: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const currentPassword = asksCurrent ? (form.getFieldValue('currentPassword') as string) : '';
      const saved = await call('people.setPassword', {
        person: person.id,
        password,
        ...(currentPassword ? { currentPassword } : {}),
      });
      onSaved(saved, password === null);
    } catch (caught) {
      const coreError = asCoreError(caught);
      if (coreError.code === 'PASSWORD_INCORRECT' || coreError.code === 'PASSWORD_REQUIRED') {
        form.setFields([{ name: 'currentPassword', errors: [errorText(coreError.value)] }]);
      } else {
        setError(coreError);
      }
    } finally {
      setBusy(false);
    }
  };

  const clear = async () => {
    if (asksCurrent) {
      try {
        await form.validateFields(['currentPassword']);
      } catch {
        return;
      }
    }
    await save(null);
  };

  return (
    <Modal
      open
      title={t('passwordForm.title', { name: person.name })}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(node) => <FocusTrap testId="password-dialog">{node}</FocusTrap>}
      footer={
        <Flex justify="space-between" gap={8}>
          {person.hasPassword ? (
            <Button danger disabled={busy} onClick={() => void clear()} data-testid="password-clear">
              {t('passwordForm.clear')}
            </Button>
          ) : (
            <span />
          )}
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="password-save">
              {t('passwordForm.save')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Form<PasswordValues>
        form={form}
        layout="vertical"
        size="small"
        requiredMark={false}
        initialValues={{ currentPassword: '', password: '', repeat: '' }}
        onFinish={(values) => void save(values.password)}
      >
        {asksCurrent && (
          <Form.Item
            name="currentPassword"
            label={t('passwordForm.current')}
            rules={[{ required: true, message: t('passwordForm.required') }]}
          >
            <Input.Password autoFocus autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
        )}
        <Form.Item
          name="password"
          label={t('passwordForm.new')}
          rules={[{ required: true, message: t('passwordForm.required') }]}
        >
          <Input.Password
            autoFocus={!asksCurrent}
            maxLength={200}
            autoComplete="new-password"
            data-testid="password-new"
          />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('passwordForm.repeat')}
          dependencies={['password']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_rule, value: string) =>
                value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('passwordForm.mismatch'))),
            }),
          ]}
        >
          <Input.Password maxLength={200} autoComplete="new-password" data-testid="password-repeat" />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
      {person.hasPassword && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('passwordForm.clearHint', { name: person.name })}
        </Typography.Paragraph>
      )}
      <ErrorNotice error={error} />
    </Modal>
  );
}
