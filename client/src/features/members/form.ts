import { chosen, compact, optional, optionalGroup, optionalList, required } from '../../api/body';
import type { ContactBody, Member, MemberBody, MemberKind, MembershipStatus, Sector } from '../../api/types';

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

/**
 * The request body: only what was filled in (see api/body). Values are only trimmed, never corrected: checking them is
 * the API's job, and its errors come back onto these same fields. Enum inputs are sent as chosen; an unchosen required
 * one is sent as null so the server names it.
 */
export function formToBody(values: MemberFormValues): MemberBody {
  return compact({
    name: required(values.name),
    businessId: optional(values.businessId),
    kind: chosen<MemberKind>(values.kind),
    sectors: optionalList(values.sectors as Sector[]),
    municipalityCode: required(values.municipalityCode),
    description: optional(values.description),
    website: optional(values.website),
    email: optional(values.email),
    phone: optional(values.phone),
    address: optionalGroup({ street: optional(values.street), postalCode: optional(values.postalCode), city: optional(values.city) }),
    membership: optionalGroup({
      status: values.membershipStatus ? (values.membershipStatus as MembershipStatus) : undefined,
      joinedOn: optional(values.joinedOn),
      endedOn: optional(values.endedOn),
    }),
  });
}

/** A contact person's body: the name, and whatever else was filled in. */
export function contactFormBody(values: { name: string; title: string; email: string; phone: string }): ContactBody {
  return compact({ name: required(values.name), title: optional(values.title), email: optional(values.email), phone: optional(values.phone) });
}
