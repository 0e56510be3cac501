// The header's "Đang làm việc: <name>", with "Đổi người" and "Rời máy" (the
// count of the official's tasks is on "Việc của tôi" in the side navigation,
// screens/tasks/TaskCountBadge.tsx). When the agency has officials but nobody
// has sat down at this desk, the switch dialog opens by itself once as the
// app starts; closing it keeps the desk as it was (the clerk's register works).
// An official's own desktop works as them only: "Đổi người" is disabled and
// says why, and there is no "Rời máy".
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Flex, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asCoreError } from '../api/client.ts';
import { errorText } from '../components/error-text.ts';
import { useDeskPerson } from './desk-person.tsx';
import { SwitchPersonDialog } from './SwitchPersonDialog.tsx';

export function DeskPersonControl() {
  const { t, i18n } = useTranslation('people');
  const { message } = App.useApp();
  const desk = useDeskPerson();
  const [dialog, setDialog] = useState<'closed' | 'start' | 'asked'>('closed');
  // Core's first answer decides whether to ask at start, once: after a "Rời máy" the dialog waits to be asked for.
  const [startChecked, setStartChecked] = useState(false);
  const session = desk.session;
  if (session && !startChecked) {
    setStartChecked(true);
    if (session.hasPeople && !session.person && !session.personalDesk) setDialog('start');
  }

  if (!desk.hasPeople && !desk.person && !desk.personalDesk) return null;

  const leave = async () => {
    try {
      await desk.leave();
      void message.info(t('desk.left'));
    } catch (caught) {
      void message.error(errorText(asCoreError(caught).value, i18n.language));
    }
  };

  const person = desk.person;
  return (
    <Flex align="center" gap={6} className="header-desk" data-testid="desk-person">
      <UserOutlined style={{ color: 'var(--muted)' }} />
      {person ? (
        <>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {t('desk.working')}
          </Typography.Text>
          <Typography.Text
            strong
            ellipsis
            style={{ maxWidth: 180 }}
            title={person.title ? `${person.name} — ${person.title}` : person.name}
            data-testid="desk-person-name"
          >
            {person.name}
          </Typography.Text>
        </>
      ) : (
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }} data-testid="desk-person-none">
          {t('desk.nobody')}
        </Typography.Text>
      )}
      {desk.personalDesk ? (
        <PersonalDeskSwitch name={person?.name ?? null} />
      ) : (
        <Button size="small" onClick={() => setDialog('asked')} data-testid="desk-switch">
          {person ? t('desk.switch') : t('desk.choose')}
        </Button>
      )}
      {person && !desk.personalDesk && (
        <Tooltip title={t('desk.leaveHint', { name: person.name })}>
          <Button
            size="small"
            type="text"
            icon={<LogoutOutlined />}
            onClick={() => void leave()}
            aria-label={t('desk.leave')}
            data-testid="desk-leave"
          >
            {t('desk.leave')}
          </Button>
        </Tooltip>
      )}
      {dialog !== 'closed' && (
        <SwitchPersonDialog
          atStart={dialog === 'start'}
          onClose={() => setDialog('closed')}
          onSwitched={(switched) => {
            setDialog('closed');
            void message.success(t('desk.switched', { name: switched.name }));
          }}
        />
      )}
    </Flex>
  );
}

/** "Đổi người", disabled on an official's own desktop, with the reason on hover and focus. */
function PersonalDeskSwitch({ name }: { name: string | null }) {
  const { t } = useTranslation('people');
  const reason = name ? t('desk.personalDesk', { name }) : t('desk.personalDeskPending');
  return (
    <Tooltip title={reason}>
      <span className="header-desk-personal" tabIndex={0} aria-label={reason} data-testid="desk-personal">
        <Button size="small" disabled data-testid="desk-switch">
          {t('desk.switch')}
        </Button>
      </span>
    </Tooltip>
  );
}
