import { expect, type APIRequestContext } from '@playwright/test';
import { uniqueBusinessId } from './helpers';

export interface CreatedMember {
  id: string;
  name: string;
  version: number;
}

/** Arranges a member straight through the API, as a signed-in admin. */
export async function createMemberViaApi(request: APIRequestContext, token: string, name: string): Promise<CreatedMember> {
  const response = await request.post('/api/v1/members', {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      name,
      businessId: uniqueBusinessId(),
      kind: 'association',
      sectors: ['youth'],
      municipalityCode: '625',
      membership: { status: 'active', joinedOn: '2024-02-01', endedOn: null },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as CreatedMember;
}

export interface CreatedPartnership {
  id: string;
  title: string;
  version: number;
}

/** Arranges a draft partnership of two new members straight through the API, as a signed-in admin. */
export async function createPartnershipViaApi(request: APIRequestContext, token: string, title: string): Promise<CreatedPartnership> {
  const city = await createMemberViaApi(request, token, `${title}: kunta`);
  const partner = await createMemberViaApi(request, token, `${title}: yhdistys ry`);
  const response = await request.post('/api/v1/partnerships', {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      title,
      description: null,
      municipalityCode: '564',
      serviceArea: 'youth',
      startsOn: null,
      endsOn: null,
      agreementRef: null,
      reviewIntervalMonths: null,
      parties: [
        { memberId: city.id, role: 'municipality', responsibilities: null },
        { memberId: partner.id, role: 'partner', responsibilities: null },
      ],
      goals: [],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as CreatedPartnership;
}
