import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/services';
import { canManagePilot } from '../../auth/permissions';
import { RecordFormPage } from '../../components/RecordFormPage';
import { PilotForm } from './PilotForm';
import { emptyPilotForm, formToPilotBody, pilotToForm } from './form';
import { useCreatePilot, usePilot, useUpdatePilot } from './api';
import { pilotMoves } from './stages';

/** /pilots/new and /pilots/:id/edit. */
export function PilotFormPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <RecordFormPage
      path="/pilots"
      Form={PilotForm}
      toBody={formToPilotBody}
      create={{
        title: t('pilots.createTitle'),
        intro: t('pilots.createIntro'),
        submitLabel: t('pilots.create'),
        initial: emptyPilotForm(user?.role === 'member_editor' ? user.memberId : null),
        useCreate: useCreatePilot,
      }}
      edit={{
        listTitle: t('pilots.title'),
        useRecord: usePilot,
        useUpdate: useUpdatePilot,
        title: (p) => t('pilots.editTitle', { title: p.title }),
        back: (p) => t('pilots.backTo', { title: p.title }),
        toForm: pilotToForm,
        refusal: (p) => {
          if (!canManagePilot(user, p.ownerMemberId)) return t('errors.forbidden');
          return pilotMoves[p.stage].length === 0 ? t('pilots.final') : null;
        },
      }}
    />
  );
}
