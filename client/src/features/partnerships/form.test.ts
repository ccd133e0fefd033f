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
    expect(body.parties).toStrictEqual([
      { memberId: 'm1', role: 'municipality', responsibilities: 'Tilat' },
      { memberId: 'm2', role: 'partner' },
    ]);
    expect(body.goals).toStrictEqual([{ id: 'g1', title: 'Kesätyöt', target: '20' }]);
    expect(body.reviewIntervalMonths).toBe(6);
  });

  it('leaves out what is empty: description, end date, agreement', () => {
    const body = formToPartnershipBody(partnershipToForm(partnership));
    expect(Object.keys(body)).toStrictEqual(['title', 'municipalityCode', 'serviceArea', 'startsOn', 'reviewIntervalMonths', 'parties', 'goals']);
  });

  it('sends a new goal without an id, and no goals when there are none', () => {
    const values = partnershipToForm(partnership);
    values.goals.push({ key: 'new', id: null, title: 'Uusi', indicator: '', target: '' });
    expect(formToPartnershipBody(values).goals?.[1]).toStrictEqual({ title: 'Uusi' });
    expect(formToPartnershipBody({ ...values, goals: [] })).not.toHaveProperty('goals');
  });

  it('keeps a row the user left blank, with its required fields as null, so errors land on that row', () => {
    const values = partnershipToForm(partnership);
    values.parties.push({ key: 'blank', memberId: '', role: '', responsibilities: '' });
    expect(formToPartnershipBody(values).parties?.[2]).toStrictEqual({ memberId: null, role: null });
  });
});
