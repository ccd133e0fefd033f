import { chosen, compact, optional, optionalList, required } from '../../api/body';
import type { Partnership, PartnershipBody, PartyRole, ServiceArea } from '../../api/types';

export interface PartyValues {
  /** A stable key for React while rows are added and removed. */
  key: string;
  memberId: string;
  role: string;
  responsibilities: string;
}

export interface GoalValues {
  key: string;
  /** The server's id for an existing goal: kept so its reviews stay attached. */
  id: string | null;
  title: string;
  indicator: string;
  target: string;
}

export interface PartnershipFormValues {
  title: string;
  description: string;
  municipalityCode: string;
  serviceArea: string;
  startsOn: string;
  endsOn: string;
  agreementRef: string;
  reviewIntervalMonths: string;
  parties: PartyValues[];
  goals: GoalValues[];
}

let counter = 0;
export const rowKey = () => `row-${(counter += 1)}`;

export function emptyParty(role = 'partner'): PartyValues {
  return { key: rowKey(), memberId: '', role, responsibilities: '' };
}

export function emptyGoal(): GoalValues {
  return { key: rowKey(), id: null, title: '', indicator: '', target: '' };
}

export function emptyPartnershipForm(): PartnershipFormValues {
  return {
    title: '',
    description: '',
    municipalityCode: '',
    serviceArea: '',
    startsOn: '',
    endsOn: '',
    agreementRef: '',
    reviewIntervalMonths: '6',
    parties: [emptyParty('municipality'), emptyParty('partner')],
    goals: [emptyGoal()],
  };
}

export function partnershipToForm(p: Partnership): PartnershipFormValues {
  return {
    title: p.title,
    description: p.description ?? '',
    municipalityCode: p.municipalityCode,
    serviceArea: p.serviceArea,
    startsOn: p.startsOn ?? '',
    endsOn: p.endsOn ?? '',
    agreementRef: p.agreementRef ?? '',
    reviewIntervalMonths: p.reviewIntervalMonths == null ? '' : String(p.reviewIntervalMonths),
    parties: p.parties.map((x) => ({ key: rowKey(), memberId: x.memberId, role: x.role, responsibilities: x.responsibilities ?? '' })),
    goals: p.goals.map((g) => ({ key: rowKey(), id: g.id, title: g.title, indicator: g.indicator ?? '', target: g.target ?? '' })),
  };
}

/**
 * The request body, with only what was filled in (see api/body). Goals keep their ids, new ones go without, removed
 * ones are left out. Every party and goal row is sent, even a blank one, so the server's errors (`parties[2].memberId`)
 * land on the row the user sees.
 */
export function formToPartnershipBody(values: PartnershipFormValues): PartnershipBody {
  const months = values.reviewIntervalMonths.trim();
  return compact({
    title: required(values.title),
    description: optional(values.description),
    municipalityCode: required(values.municipalityCode),
    serviceArea: chosen<ServiceArea>(values.serviceArea),
    startsOn: optional(values.startsOn),
    endsOn: optional(values.endsOn),
    agreementRef: optional(values.agreementRef),
    reviewIntervalMonths: /^\d+$/.test(months) ? Number(months) : undefined,
    parties: values.parties.map((p) => ({
      memberId: chosen(p.memberId),
      role: chosen<PartyRole>(p.role),
      responsibilities: optional(p.responsibilities),
    })),
    goals: optionalList(
      values.goals.map((g) => ({ id: g.id ?? undefined, title: required(g.title), indicator: optional(g.indicator), target: optional(g.target) })),
    ),
  });
}
