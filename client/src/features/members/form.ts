import type { Member, MemberBody, MemberKind, MembershipStatus, Sector } from '../../api/types';

/** What the member form edits: every input as text, so an empty input is simply "". */
export interface MemberFormValues {
  name: string;
  businessId: string;
  kind: string;
  sectors: string[];
  municipalityCode: string;
  description: string;
  website: string;
  email: string;
  phone: string;
  street: string;
  postalCode: string;
  city: string;
  membershipStatus: string;
  joinedOn: string;
  endedOn: string;
}

/** The form's inputs, named by the API field path the server uses in validation errors. */
export const memberFields = [
  'name',
  'businessId',
  'kind',
  'sectors',
  'municipalityCode',
  'description',
  'website',
  'email',
  'phone',
  'address.street',
  'address.postalCode',
  'address.city',
  'address',
  'membership.status',
  'membership.joinedOn',
  'membership.endedOn',
  'membership',
] as const;

export type MemberField = (typeof memberFields)[number];

export const emptyMemberForm: MemberFormValues = {
  name: '',
  businessId: '',
  kind: '',
  sectors: [],
  municipalityCode: '',
  description: '',
  website: '',
  email: '',
  phone: '',
  street: '',
  postalCode: '',
  city: '',
  membershipStatus: 'applicant',
  joinedOn: '',
  endedOn: '',
};

export function memberToForm(member: Member): MemberFormValues {
  return {
    name: member.name,
    businessId: member.businessId ?? '',
    kind: member.kind,
    sectors: [...(member.sectors ?? [])],
    municipalityCode: member.municipalityCode,
    description: member.description ?? '',
    website: member.website ?? '',
    email: member.email ?? '',
    phone: member.phone ?? '',
    street: member.address?.street ?? '',
    postalCode: member.address?.postalCode ?? '',
    city: member.address?.city ?? '',
    membershipStatus: member.membership?.status ?? 'applicant',
    joinedOn: member.membership?.joinedOn ?? '',
    endedOn: member.membership?.endedOn ?? '',
  };
}

function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The request body. Values are only trimmed, never corrected: checking them is the API's job, and
 * its errors come back onto these same fields. Enum inputs are sent as chosen; an unchosen one is
 * sent empty so the server names it.
 */
export function formToBody(values: MemberFormValues): MemberBody {
  const street = orNull(values.street);
  const postalCode = orNull(values.postalCode);
  const city = orNull(values.city);
  return {
    name: orNull(values.name),
    businessId: orNull(values.businessId),
    kind: values.kind ? (values.kind as MemberKind) : null,
    sectors: values.sectors as Sector[],
    municipalityCode: orNull(values.municipalityCode),
    description: orNull(values.description),
    website: orNull(values.website),
    email: orNull(values.email),
    phone: orNull(values.phone),
    address: street || postalCode || city ? { street, postalCode, city } : null,
    membership: {
      status: values.membershipStatus ? (values.membershipStatus as MembershipStatus) : null,
      joinedOn: orNull(values.joinedOn),
      endedOn: orNull(values.endedOn),
    },
  };
}
