import { chosen, compact, optional, optionalGroup, optionalList, required } from '../../api/body';
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

/** A number typed the Finnish way (`1 234,5`) or the JSON way (`1234.5`); null when empty or unreadable. */
export function parseDecimal(value: string): number | null {
  const normalized = value.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (normalized === '') return null;
  const n = Number(normalized);
  return Number.isFinite(n) ? n : null;
}

/**
 * The request body, with only what was filled in (see api/body). Every team and metric row is sent, even a blank one,
 * so the server's errors (`metrics[1].name`) land on the row the user sees.
 */
export function formToPilotBody(values: PilotFormValues): PilotBody {
  return compact({
    title: required(values.title),
    theme: chosen<PilotTheme>(values.theme),
    problem: optional(values.problem),
    hypothesis: optional(values.hypothesis),
    municipalityCode: required(values.municipalityCode),
    partnershipId: values.partnershipId || undefined,
    ownerMemberId: chosen(values.ownerMemberId),
    team: optionalList(values.team.map((m) => ({ memberId: chosen(m.memberId), role: optional(m.role) }))),
    plannedStart: optional(values.plannedStart),
    plannedEnd: optional(values.plannedEnd),
    startedOn: optional(values.startedOn),
    endedOn: optional(values.endedOn),
    budgetEur: parseDecimal(values.budgetEur) ?? undefined,
    metrics: optionalList(
      values.metrics.map((m) => ({
        id: m.id ?? undefined,
        name: required(m.name),
        unit: optional(m.unit),
        baseline: parseDecimal(m.baseline) ?? undefined,
        target: parseDecimal(m.target) ?? undefined,
        actual: parseDecimal(m.actual) ?? undefined,
      })),
    ),
    evaluation: optionalGroup({
      results: optional(values.results),
      impact: optional(values.impact),
      learnings: optional(values.learnings),
      recommendation: optional(values.recommendation),
    }),
  });
}
