import type { Pilot, PilotBody, PilotTheme } from '../../api/types';

export interface TeamValues {
  key: string;
  memberId: string;
  role: string;
}

export interface MetricValues {
  key: string;
  /** The server's id of an existing metric, kept across saves. */
  id: string | null;
  name: string;
  unit: string;
  baseline: string;
  target: string;
  actual: string;
}

export interface PilotFormValues {
  title: string;
  theme: string;
  problem: string;
  hypothesis: string;
  municipalityCode: string;
  ownerMemberId: string;
  plannedStart: string;
  plannedEnd: string;
  startedOn: string;
  endedOn: string;
  budgetEur: string;
  team: TeamValues[];
  metrics: MetricValues[];
  results: string;
  impact: string;
  learnings: string;
  recommendation: string;
  /** The partnership the pilot belongs to, or '' for none. */
  partnershipId: string;
}

let counter = 0;
const rowKey = () => `pilot-row-${(counter += 1)}`;

export const emptyTeamMember = (): TeamValues => ({ key: rowKey(), memberId: '', role: '' });
export const emptyMetric = (): MetricValues => ({ key: rowKey(), id: null, name: '', unit: '', baseline: '', target: '', actual: '' });

export function emptyPilotForm(ownerMemberId: string | null): PilotFormValues {
  return {
    title: '',
    theme: '',
    problem: '',
    hypothesis: '',
    municipalityCode: '',
    ownerMemberId: ownerMemberId ?? '',
    plannedStart: '',
    plannedEnd: '',
    startedOn: '',
    endedOn: '',
    budgetEur: '',
    team: [],
    metrics: [emptyMetric()],
    results: '',
    impact: '',
    learnings: '',
    recommendation: '',
    partnershipId: '',
  };
}

const text = (n: number | null | undefined) => (n == null ? '' : String(n));

export function pilotToForm(p: Pilot): PilotFormValues {
  return {
    title: p.title,
    theme: p.theme,
    problem: p.problem ?? '',
    hypothesis: p.hypothesis ?? '',
    municipalityCode: p.municipalityCode,
    ownerMemberId: p.ownerMemberId,
    plannedStart: p.plannedStart ?? '',
    plannedEnd: p.plannedEnd ?? '',
    startedOn: p.startedOn ?? '',
    endedOn: p.endedOn ?? '',
    budgetEur: text(p.budgetEur),
    team: p.team.map((m) => ({ key: rowKey(), memberId: m.memberId, role: m.role ?? '' })),
    metrics: p.metrics.map((m) => ({
      key: rowKey(),
      id: m.id,
      name: m.name,
      unit: m.unit ?? '',
      baseline: text(m.baseline),
      target: text(m.target),
      actual: text(m.actual),
    })),
    results: p.evaluation?.results ?? '',
    impact: p.evaluation?.impact ?? '',
    learnings: p.evaluation?.learnings ?? '',
    recommendation: p.evaluation?.recommendation ?? '',
    partnershipId: p.partnershipId ?? '',
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** A number typed the Finnish way (`1 234,5`) or the JSON way (`1234.5`); null when empty or unreadable. */
export function parseDecimal(value: string): number | null {
  const normalized = value.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (normalized === '') return null;
  const n = Number(normalized);
  return Number.isFinite(n) ? n : null;
}

export function formToPilotBody(values: PilotFormValues): PilotBody {
  return {
    title: orNull(values.title),
    theme: values.theme ? (values.theme as PilotTheme) : null,
    problem: orNull(values.problem),
    hypothesis: orNull(values.hypothesis),
    municipalityCode: orNull(values.municipalityCode),
    partnershipId: values.partnershipId || null,
    ownerMemberId: values.ownerMemberId || null,
    team: values.team.map((m) => ({ memberId: m.memberId || null, role: orNull(m.role) })),
    plannedStart: orNull(values.plannedStart),
    plannedEnd: orNull(values.plannedEnd),
    startedOn: orNull(values.startedOn),
    endedOn: orNull(values.endedOn),
    budgetEur: parseDecimal(values.budgetEur),
    metrics: values.metrics.map((m) => ({
      id: m.id,
      name: orNull(m.name),
      unit: orNull(m.unit),
      baseline: parseDecimal(m.baseline),
      target: parseDecimal(m.target),
      actual: parseDecimal(m.actual),
    })),
    evaluation: {
      results: orNull(values.results),
      impact: orNull(values.impact),
      learnings: orNull(values.learnings),
      recommendation: orNull(values.recommendation),
    },
  };
}
