// Tiếng Việt first; English for the technician reading over the clerk's shoulder.
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation('app');
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('language')}
      value={i18n.language === 'en' ? 'en' : 'vi'}
      onChange={(language) => void setLanguage(language)}
      options={[
        { value: 'vi', label: 'VI', title: 'Tiếng Việt' },
        { value: 'en', label: 'EN', title: 'English' },
      ]}
    />
  );
}
