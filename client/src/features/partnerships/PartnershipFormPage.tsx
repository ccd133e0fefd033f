import { useTranslation } from 'react-i18next';
import { RecordFormPage } from '../../components/RecordFormPage';
import { PartnershipForm } from './PartnershipForm';
import { emptyPartnershipForm, formToPartnershipBody, partnershipToForm } from './form';
import { useCreatePartnership, usePartnership, useUpdatePartnership } from './api';

/** /partnerships/new and /partnerships/:id/edit. */
export function PartnershipFormPage() {
  const { t } = useTranslation();
  return (
    <RecordFormPage
      path="/partnerships"
      Form={PartnershipForm}
      toBody={formToPartnershipBody}
      create={{
        title: t('partnerships.createTitle'),
        intro: t('partnerships.createIntro'),
        submitLabel: t('partnerships.create'),
        initial: emptyPartnershipForm(),
        useCreate: useCreatePartnership,
      }}
      edit={{
        listTitle: t('partnerships.title'),
        useRecord: usePartnership,
        useUpdate: useUpdatePartnership,
        title: (p) => t('partnerships.editTitle', { title: p.title }),
        back: (p) => t('partnerships.backTo', { title: p.title }),
        toForm: partnershipToForm,
        refusal: (p) => (p.status === 'ended' || p.status === 'cancelled' ? t('partnerships.final') : null),
      }}
    />
  );
}
