// In sổ: the register on screen for a period, as the Decree 30 book to print,
// sign and file at the end of the month or the year.
import { Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FocusTrap } from '../../components/FocusTrap.tsx';
import { RegisterExportForm, type ExportedRegister } from './RegisterExportForm.tsx';

export function PrintRegisterDialog({ register, onClose }: { register: ExportedRegister; onClose: () => void }) {
  const { t } = useTranslation('registers');
  return (
    <Modal
      open
      title={t(`print.title.${register}`)}
      footer={null}
      onCancel={onClose}
      width={600}
      destroyOnHidden
      modalRender={(node) => <FocusTrap testId="print-dialog">{node}</FocusTrap>}
    >
      <Typography.Paragraph type="secondary">{t('print.help')}</Typography.Paragraph>
      <RegisterExportForm register={register} />
    </Modal>
  );
}
