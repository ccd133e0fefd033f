import { useTranslation } from 'react-i18next';
import { RecordFormPage } from '../../components/RecordFormPage';
import { useCreateSpace, useSpace, useUpdateSpace } from './api';
import { emptySpaceForm, formToSpaceBody, spaceToForm } from './form';
import { SpaceForm } from './SpaceForm';

/** /spaces/new and /spaces/:id/edit (staff). */
export function SpaceFormPage() {
  const { t } = useTranslation();
  return (
    <RecordFormPage
      path="/spaces"
      Form={SpaceForm}
      toBody={formToSpaceBody}
      create={{ title: t('spaces.createTitle'), submitLabel: t('spaces.create'), initial: emptySpaceForm(), useCreate: useCreateSpace }}
      edit={{
        listTitle: t('spaces.title'),
        useRecord: useSpace,
        useUpdate: useUpdateSpace,
        title: (s) => t('spaces.editTitle', { name: s.name }),
        back: (s) => t('spaces.backTo', { name: s.name }),
        toForm: spaceToForm,
        refusal: () => null,
      }}
    />
  );
}
