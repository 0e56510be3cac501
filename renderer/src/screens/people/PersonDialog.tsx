// Thêm / sửa cán bộ: name, chức vụ, đơn vị, vai trò, and on adding an
// optional password. Core's refusals land on their fields (LAST_CLERK on the
// role); anything else shows above the buttons.
import { Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerInput } from '../../../../shared/api.ts';
import { personRoles, type PersonRole, type PersonView } from '../../../../shared/handling.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FocusTrap } from '../../components/FocusTrap.tsx';
import { allFieldsShown, showFieldErrors } from '../../components/form-errors.ts';
import { useErrorText } from '../../components/error-text.ts';

interface PersonValues {
  name: string;
  title: string;
  unit: string;
  role: PersonRole;
  password: string;
}

const formFields = ['name', 'title', 'unit', 'role', 'password'];

/** `person` null: a new official. */
export function PersonDialog({
  person,
  onClose,
  onSaved,
}: {
  person: PersonView | null;
  onClose: () => void;
  onSaved: (saved: PersonView) => void;
}) {
  const { t } = useTranslation(['people', 'common']);
  const errorText = useErrorText();
  const [form] = Form.useForm<PersonValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);

  const save = async (values: PersonValues) => {
    setBusy(true);
    setError(null);
    try {
      const saved = person
        ? await call('people.edit', changesOf(person, values))
        : await call('people.add', newOf(values));
      onSaved(saved);
    } catch (caught) {
      const coreError = asCoreError(caught);
      if (coreError.code === 'LAST_CLERK') form.setFields([{ name: 'role', errors: [errorText(coreError.value)] }]);
      else showFieldErrors(form, coreError, formFields);
      setError(coreError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={person ? t('form.editTitle') : t('form.addTitle')}
      okText={person ? t('form.save') : t('form.add')}
      cancelText={t('common:cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'person-save' }}
      destroyOnHidden
      modalRender={(node) => <FocusTrap testId="person-dialog">{node}</FocusTrap>}
    >
      <Form<PersonValues>
        form={form}
        layout="vertical"
        size="small"
        requiredMark={false}
        initialValues={valuesOf(person)}
        onFinish={(values) => void save(values)}
      >
        <Form.Item
          name="name"
          label={t('form.name')}
          rules={[{ required: true, whitespace: true, message: t('form.nameRequired') }]}
        >
          <Input autoFocus maxLength={100} placeholder={t('form.namePlaceholder')} data-testid="person-name" />
        </Form.Item>
        <Form.Item name="title" label={t('form.title')}>
          <Input maxLength={200} placeholder={t('form.titlePlaceholder')} data-testid="person-title" />
        </Form.Item>
        <Form.Item name="unit" label={t('form.unit')}>
          <Input maxLength={200} placeholder={t('form.unitPlaceholder')} data-testid="person-unit" />
        </Form.Item>
        <Form.Item name="role" label={t('form.role')}>
          <Radio.Group
            optionType="button"
            data-testid="person-role"
            options={personRoles.map((role) => ({
              value: role,
              label: <span data-testid={`person-role-${role}`}>{t(`role.${role}`)}</span>,
            }))}
          />
        </Form.Item>
        {!person && (
          <Form.Item name="password" label={t('form.password')} extra={t('form.passwordHint')}>
            <Input.Password maxLength={200} autoComplete="new-password" data-testid="person-password" />
          </Form.Item>
        )}
        {/* Enter in a field submits the form; this button is never seen. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
      <ErrorNotice error={error} fieldsShown={error ? allFieldsShown(error, formFields) : false} />
    </Modal>
  );
}

function valuesOf(person: PersonView | null): PersonValues {
  return {
    name: person?.name ?? '',
    title: person?.title ?? '',
    unit: person?.unit ?? '',
    role: person?.role ?? 'officer',
    password: '',
  };
}

function newOf(values: PersonValues): HandlerInput<'people.add'> {
  return {
    name: values.name.trim(),
    ...(values.title.trim() ? { title: values.title.trim() } : {}),
    ...(values.unit.trim() ? { unit: values.unit.trim() } : {}),
    role: values.role,
    ...(values.password ? { password: values.password } : {}),
  };
}

/** Only what changed; an emptied chức vụ or đơn vị is sent as '' (core clears it). */
function changesOf(person: PersonView, values: PersonValues): HandlerInput<'people.edit'> {
  const changes: HandlerInput<'people.edit'> = { person: person.id };
  if (values.name.trim() !== person.name) changes.name = values.name.trim();
  if (values.title.trim() !== (person.title ?? '')) changes.title = values.title.trim();
  if (values.unit.trim() !== (person.unit ?? '')) changes.unit = values.unit.trim();
  if (values.role !== person.role) changes.role = values.role;
  return changes;
}
