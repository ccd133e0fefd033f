import { describe, expect, it } from 'vitest';
import type { Partnership } from '../../api/types';
import { formToPartnershipBody, partnershipToForm } from './form';

const partnership: Partnership = {
  id: 'p1',
  title: 'Nuorten kumppanuus',
  description: null,
  municipalityCode: '625',
  serviceArea: 'youth',
  status: 'active',
  startsOn: '2026-01-01',
  endsOn: null,
  agreementRef: null,
  reviewIntervalMonths: 6,
  nextReviewDue: '2026-07-01',
  parties: [
    { memberId: 'm1', memberName: 'Pyhäjoen kunta', role: 'municipality', responsibilities: 'Tilat' },
    { memberId: 'm2', memberName: 'Nuorisoseura', role: 'partner', responsibilities: null },
  ],
  goals: [{ id: 'g1', title: 'Kesätyöt', indicator: null, target: '20' }],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 3,
};

describe('partnership form', () => {
  it('round-trips parties and keeps goal ids (so reviews stay attached)', () => {
    const body = formToPartnershipBody(partnershipToForm(partnership));
    expect(body.parties).toEqual([
      { memberId: 'm1', role: 'municipality', responsibilities: 'Tilat' },
      { memberId: 'm2', role: 'partner', responsibilities: null },
    ]);
    expect(body.goals).toEqual([{ id: 'g1', title: 'Kesätyöt', indicator: null, target: '20' }]);
    expect(body.reviewIntervalMonths).toBe(6);
  });

  it('sends a new goal without an id', () => {
    const values = partnershipToForm(partnership);
    values.goals.push({ key: 'new', id: null, title: 'Uusi', indicator: '', target: '' });
    expect(formToPartnershipBody(values).goals?.[1]).toEqual({ id: null, title: 'Uusi', indicator: null, target: null });
  });
});
