// Cài đặt › Cán bộ: the agency's officials, their chức vụ, đơn vị and role in
// words, who has a password. The clerk adds, edits, deactivates (asked
// first), sets or clears passwords and makes the code that sets up an
// official's own PC; an official may change their own password. Once the
// agency has officials, core lets only a clerk keep the list: the buttons
// say so rather than fail.
import { App, Button, Card, Checkbox, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../../../shared/handling.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { useDeskPerson } from '../../app/desk-person.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { EnrollCodeDialog } from './EnrollCodeDialog.tsx';
import { PasswordDialog } from './PasswordDialog.tsx';
import { PersonDialog } from './PersonDialog.tsx';
import { useEnrollCode } from './use-enroll-code.ts';
import { usePeople } from './use-people.ts';

type Editing = { kind: 'add' } | { kind: 'edit'; person: PersonView } | { kind: 'password'; person: PersonView };

export function PeopleSection() {
  const { t } = useTranslation('people');
  const { message } = App.useApp();
  const desk = useDeskPerson();
  const [includeInactive, setIncludeInactive] = useState(false);
  const { people, error: listError, reload } = usePeople(includeInactive);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const enrollCodes = useEnrollCode();

  // Before the first official anyone may add; after, only the clerk at the desk keeps the list.
  const keepsList = !desk.hasPeople || desk.person?.role === 'clerk' || desk.session === null;
  const makesCodes = desk.person?.role === 'clerk';

  // The desk's session may have changed too: a rename, the first clerk added (who then works here).
  const changed = (text: string) => {
    setEditing(null);
    reload();
    desk.reload();
    void message.success(text);
  };

  const setActive = async (person: PersonView, active: boolean) => {
    setError(null);
    try {
      const saved = active
        ? await call('people.edit', { person: person.id, active: true })
        : await call('people.deactivate', { person: person.id });
      changed(t(active ? 'section.reactivated' : 'section.deactivated', { name: saved.name }));
    } catch (caught) {
      setError(asCoreError(caught));
    }
  };

  return (
    <Card
      size="small"
      title={t('section.title')}
      data-testid="people-section"
      extra={
        <Flex gap={12} align="center">
          <Checkbox
            checked={includeInactive}
            onChange={(event) => setIncludeInactive(event.target.checked)}
            data-testid="people-show-inactive"
          >
            {t('section.showInactive')}
          </Checkbox>
          <Button
            type="primary"
            size="small"
            disabled={!keepsList}
            onClick={() => setEditing({ kind: 'add' })}
            data-testid="people-add"
          >
            {t('section.add')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('section.help')}</Typography.Text>
        {!keepsList && (
          <Typography.Text type="warning">
            {t(desk.personalDesk ? 'section.clerkDeskOnly' : 'section.clerkOnly')}
          </Typography.Text>
        )}
        <ErrorNotice error={listError ?? error} onClose={error ? () => setError(null) : undefined} />
        <Table<PersonView>
          size="small"
          rowKey="id"
          pagination={false}
          loading={people === null}
          dataSource={people ?? []}
          locale={{ emptyText: t('section.empty') }}
          onRow={(person) => ({ 'data-testid': 'person-row', 'data-name': person.name }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              key: 'name',
              title: t('columns.name'),
              render: (_, person) => (
                <Flex gap={6} align="center" wrap>
                  <span data-testid="person-row-name">{person.name}</span>
                  {person.id === desk.person?.id && <Tag color="blue">{t('state.atDesk')}</Tag>}
                </Flex>
              ),
            },
            { key: 'title', title: t('columns.title'), render: (_, person) => person.title ?? '' },
            { key: 'unit', title: t('columns.unit'), render: (_, person) => person.unit ?? '' },
            {
              key: 'role',
              title: t('columns.role'),
              render: (_, person) => <span data-testid="person-row-role">{t(`role.${person.role}`)}</span>,
            },
            {
              key: 'state',
              title: t('columns.state'),
              render: (_, person) =>
                person.active ? (
                  <Tag color="green">{t('state.active')}</Tag>
                ) : (
                  <Tag data-testid="person-row-inactive">{t('state.inactive')}</Tag>
                ),
            },
            {
              key: 'password',
              title: t('columns.password'),
              render: (_, person) => (
                <span data-testid="person-row-password">
                  {person.hasPassword ? t('password.set') : t('password.none')}
                </span>
              ),
            },
            {
              key: 'actions',
              title: t('columns.actions'),
              render: (_, person) => (
                <PersonActions
                  person={person}
                  keepsList={keepsList}
                  makesCodes={makesCodes}
                  own={person.id === desk.person?.id}
                  onEdit={() => setEditing({ kind: 'edit', person })}
                  onPassword={() => setEditing({ kind: 'password', person })}
                  onActive={(active) => void setActive(person, active)}
                  onEnrollCode={() => enrollCodes.make(person)}
                />
              ),
            },
          ]}
        />
      </Flex>
      {(editing?.kind === 'add' || editing?.kind === 'edit') && (
        <PersonDialog
          person={editing.kind === 'edit' ? editing.person : null}
          onClose={() => setEditing(null)}
          onSaved={(saved) =>
            changed(t(editing.kind === 'add' ? 'section.added' : 'section.saved', { name: saved.name }))
          }
        />
      )}
      {editing?.kind === 'password' && (
        <PasswordDialog
          person={editing.person}
          asksCurrent={
            editing.person.id === desk.person?.id && desk.person.role !== 'clerk' && editing.person.hasPassword
          }
          onClose={() => setEditing(null)}
          onSaved={(saved, cleared) =>
            changed(t(cleared ? 'passwordForm.cleared' : 'passwordForm.saved', { name: saved.name }))
          }
        />
      )}
      {enrollCodes.request && (
        <EnrollCodeDialog
          request={enrollCodes.request}
          onRetry={() => enrollCodes.make(enrollCodes.request!.person)}
          onClose={enrollCodes.close}
        />
      )}
    </Card>
  );
}

function PersonActions({
  person,
  keepsList,
  makesCodes,
  own,
  onEdit,
  onPassword,
  onActive,
  onEnrollCode,
}: {
  person: PersonView;
  keepsList: boolean;
  /** The clerk is at the desk: she makes the codes that set up officials' own PCs. */
  makesCodes: boolean;
  /** The official at the desk: may change their own password even when not the clerk. */
  own: boolean;
  onEdit: () => void;
  onPassword: () => void;
  onActive: (active: boolean) => void;
  onEnrollCode: () => void;
}) {
  const { t } = useTranslation(['people', 'common']);
  return (
    <Flex gap={4} wrap>
      <Button size="small" type="link" disabled={!keepsList} onClick={onEdit} data-testid="person-edit">
        {t('actions.edit')}
      </Button>
      <Button size="small" type="link" disabled={!keepsList && !own} onClick={onPassword} data-testid="person-password">
        {t('actions.password')}
      </Button>
      {person.active && makesCodes && (
        <Button size="small" type="link" onClick={onEnrollCode} data-testid="person-enroll-code">
          {t('actions.enrollCode')}
        </Button>
      )}
      {person.active ? (
        <Popconfirm
          title={t('actions.deactivateConfirm', { name: person.name })}
          okText={t('actions.deactivateOk')}
          cancelText={t('common:cancel')}
          okButtonProps={{ danger: true, 'data-testid': 'person-deactivate-ok' }}
          onConfirm={() => onActive(false)}
          disabled={!keepsList}
        >
          <Button size="small" type="link" danger disabled={!keepsList} data-testid="person-deactivate">
            {t('actions.deactivate')}
          </Button>
        </Popconfirm>
      ) : (
        <Button
          size="small"
          type="link"
          disabled={!keepsList}
          onClick={() => onActive(true)}
          data-testid="person-reactivate"
        >
          {t('actions.reactivate')}
        </Button>
      )}
    </Flex>
  );
}
