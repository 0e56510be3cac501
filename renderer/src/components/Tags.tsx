// Độ khẩn and độ mật as the registers show them: coloured like the red
// stamps on paper (Decree 30, Appendix I §III.2); "Thường" shows nothing.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Secrecy, Urgency } from '../../../shared/domain.ts';

const urgencyColors: Record<Urgency, string | null> = {
  'hoa-toc': 'red',
  'thuong-khan': 'orange',
  khan: 'gold',
  thuong: null,
};

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation('common');
  const color = urgencyColors[urgency];
  if (!color) return null;
  return (
    <Tag color={color} className="stamp-tag">
      {t(`urgency.${urgency}`)}
    </Tag>
  );
}

export function SecrecyTag({ secrecy }: { secrecy: Secrecy }) {
  const { t } = useTranslation('common');
  if (secrecy === 'thuong') return null;
  return (
    <Tag color="magenta" className="stamp-tag">
      {t(`secrecy.${secrecy}`)}
    </Tag>
  );
}

export function OverdueTag() {
  const { t } = useTranslation('common');
  return (
    <Tag color="error" className="stamp-tag">
      {t('overdue')}
    </Tag>
  );
}
