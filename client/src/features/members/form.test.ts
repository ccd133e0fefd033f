import { describe, expect, it } from 'vitest';
import type { Member } from '../../api/types';
import { emptyMemberForm, formToBody, memberToForm } from './form';

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
  it('round-trips a member through the form', () => {
    const body = formToBody(memberToForm(member));
    expect(body).toEqual({
      name: member.name,
      businessId: member.businessId,
      kind: 'association',
      sectors: ['youth', 'culture'],
      municipalityCode: '625',
      description: 'Nuorten tapahtumia',
      website: 'https://example.fi',
      email: null,
      phone: null,
      address: { street: 'Kauppatie 1', postalCode: '86100', city: 'Pyhäjoki' },
      membership: { status: 'active', joinedOn: '2020-01-15', endedOn: null },
    });
  });

  it('sends no address when every address input is empty, and trims text', () => {
    const body = formToBody({ ...emptyMemberForm, name: '  Uusi ry  ', description: '   ' });
    expect(body.address).toBeNull();
    expect(body.name).toBe('Uusi ry');
    expect(body.description).toBeNull();
  });
});
