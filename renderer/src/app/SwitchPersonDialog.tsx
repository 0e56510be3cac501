// "Ai đang làm việc trên máy này?": pick one's name among the active
// officials, type the password if one is set, Enter. A wrong password is said
// under its field and nothing changes (core records nothing under that name).
// Esc or Hủy closes it and the desk goes on as it was.
import { Flex, Form, Input, Modal, Radio, Spin, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../../shared/handling.ts';
import { asCoreError, type CoreError } from '../api/client.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { FocusTrap } from '../components/FocusTrap.tsx';
import { useErrorText } from '../components/error-text.ts';
import { usePeople } from '../screens/people/use-people.ts';
import { useDeskPerson } from './desk-person.tsx';
import { askNotificationsOnce } from './task-notifications.ts';

export function SwitchPersonDialog({
  atStart,
  onClose,
  onSwitched,
}: {
  /** Opened by itself as the app starts: says the official may also just go on. */
  atStart: boolean;
  onClose: () => void;
  onSwitched: (person: PersonView) => void;
}) {
  const { t } = useTranslation(['people', 'common']);
  const errorText = useErrorText();
  const desk = useDeskPerson();
  const { people, error: listError } = usePeople(false);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordInput = useRef<InputRef>(null);

  // The one official of a small office is chosen for them; otherwise whoever is at the desk now.
  const fallbackId = people?.length === 1 ? people[0]!.id : (desk.person?.id ?? null);
  const chosen = people?.find((person) => person.id === (chosenId ?? fallbackId)) ?? null;

  const list = useRef<HTMLDivElement>(null);

  // The password when the one chosen has one, else the list, so the keyboard alone gets through.
  useEffect(() => {
    if (chosen?.hasPassword) passwordInput.current?.focus();
    else list.current?.querySelector<HTMLInputElement>('input:checked, input')?.focus();
  }, [chosen, people]);

  const choose = (id: string) => {
    setChosenId(id);
    setPassword('');
    setPasswordError(null);
    setError(null);
  };

  const submit = async () => {
    if (!chosen || busy) return;
    if (chosen.hasPassword && !password) {
      setPasswordError(t('switchDialog.passwordRequired'));
      passwordInput.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setPasswordError(null);
    try {
      await desk.switchTo(chosen.id, chosen.hasPassword ? password : undefined);
      askNotificationsOnce();
      onSwitched(chosen);
    } catch (caught) {
      const coreError = asCoreError(caught);
      if (coreError.code === 'PASSWORD_INCORRECT' || coreError.code === 'PASSWORD_REQUIRED') {
        setPasswordError(errorText(coreError.value));
        setPassword('');
        passwordInput.current?.focus();
      } else {
        setError(coreError);
      }
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void submit();
  };

  return (
    <Modal
      open
      title={t('switchDialog.title')}
      okText={t('switchDialog.ok')}
      cancelText={t('common:cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !chosen, 'data-testid': 'desk-switch-ok' }}
      cancelButtonProps={{ 'data-testid': 'desk-switch-cancel' }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      // A stray click beside the dialog must not drop a half-typed password; Esc and Hủy still close it.
      mask={{ closable: false }}
      width={480}
      modalRender={(node) => <FocusTrap testId="desk-switch-dialog">{node}</FocusTrap>}
    >
      <div onKeyDown={onKeyDown}>
        <Typography.Paragraph type="secondary">
          {atStart ? t('switchDialog.startHint') : t('switchDialog.hint')}
        </Typography.Paragraph>
        {people === null ? (
          <Flex justify="center">
            <Spin />
          </Flex>
        ) : people.length === 0 ? (
          <Typography.Paragraph>{t('switchDialog.noOne')}</Typography.Paragraph>
        ) : (
          <Form layout="vertical" size="small" requiredMark={false} component="div">
            <Form.Item label={t('switchDialog.pick')}>
              <div ref={list}>
                <Radio.Group
                  value={chosen?.id ?? null}
                  onChange={(event) => choose(event.target.value as string)}
                  className="desk-people"
                  style={{ maxHeight: 280, overflowY: 'auto', width: '100%' }}
                  data-testid="desk-switch-people"
                >
                  <Flex vertical gap={4}>
                    {people.map((person) => (
                      <Radio key={person.id} value={person.id} data-testid="desk-switch-person" data-name={person.name}>
                        <PersonLabel person={person} />
                      </Radio>
                    ))}
                  </Flex>
                </Radio.Group>
              </div>
            </Form.Item>
            {chosen?.hasPassword && (
              <Form.Item
                label={t('switchDialog.password', { name: chosen.name })}
                validateStatus={passwordError ? 'error' : undefined}
                help={passwordError}
              >
                <Input.Password
                  ref={passwordInput}
                  value={password}
                  maxLength={200}
                  autoComplete="current-password"
                  onChange={(event) => {
                    setPassword(event.target.value);
                    setPasswordError(null);
                  }}
                  data-testid="desk-switch-password"
                />
              </Form.Item>
            )}
          </Form>
        )}
        <ErrorNotice error={listError ?? error} />
      </div>
    </Modal>
  );
}

function PersonLabel({ person }: { person: PersonView }) {
  const { t } = useTranslation('people');
  const detail = [person.title, person.unit].filter(Boolean).join(', ') || t(`role.${person.role}`);
  return (
    <span>
      <strong>{person.name}</strong> <Typography.Text type="secondary">— {detail}</Typography.Text>
    </span>
  );
}
