import { describe, expect, it } from 'vitest';
import type { Member } from '../../api/types';
import { contactFormBody, emptyMemberForm, formToBody, memberToForm } from './form';

const member: Member = {
  id: '01930000-0000-7000-8000-0000000000aa',
  name: 'Pyhäjoen Nuorisoseura ry',
  businessId: '0123456-7',
  kind: 'association',
  sectors: ['youth', 'culture'],
  municipalityCode: '625',
  description: 'Nuorten tapahtumia',
  website: 'https://example.fi',
  email: null,
  phone: null,
  address: { street: 'Kauppatie 1', postalCode: '86100', city: 'Pyhäjoki' },
  membership: { status: 'active', joinedOn: '2020-01-15', endedOn: null },
  createdAt: '2026-11-01T08:00:00Z',
  updatedAt: '2026-11-01T08:00:00Z',
  version: 2,
};

describe('member form values', () => {
  it('round-trips a member through the form, leaving out what is empty', () => {
    const body = formToBody(memberToForm(member));
    expect(body).toStrictEqual({
      name: member.name,
      businessId: member.businessId,
      kind: 'association',
      sectors: ['youth', 'culture'],
      municipalityCode: '625',
      description: 'Nuorten tapahtumia',
      website: 'https://example.fi',
      address: { street: 'Kauppatie 1', postalCode: '86100', city: 'Pyhäjoki' },
      membership: { status: 'active', joinedOn: '2020-01-15' },
    });
  });

  it('sends only what was filled in: no address, no empty texts or sectors, trimmed text', () => {
    const body = formToBody({ ...emptyMemberForm, name: '  Uusi ry  ', kind: 'association', municipalityCode: '564', description: '   ' });
    expect(body).toStrictEqual({ name: 'Uusi ry', kind: 'association', municipalityCode: '564', membership: { status: 'applicant' } });
  });

  it('sends the parts of an address that were filled in', () => {
    const body = formToBody({ ...emptyMemberForm, name: 'Ålands Ungdom rf', city: 'Maarianhamina' });
    expect(body.address).toStrictEqual({ city: 'Maarianhamina' });
  });

  it('sends an empty required input as null, so the API names it', () => {
    const body = formToBody(emptyMemberForm);
    expect(body).toMatchObject({ name: null, kind: null, municipalityCode: null });
  });

  it('sends a contact person with only what was filled in', () => {
    expect(contactFormBody({ name: ' Jyrki Öhman ', title: '', email: 'jyrki.ohman@example.fi', phone: '  ' })).toStrictEqual({
      name: 'Jyrki Öhman',
      email: 'jyrki.ohman@example.fi',
    });
  });
});
