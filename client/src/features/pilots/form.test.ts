import { describe, expect, it } from 'vitest';
import { emptyPilotForm, formToPilotBody, parseDecimal } from './form';

describe('pilot form', () => {
  it('reads numbers typed the Finnish way', () => {
    expect(parseDecimal('12 500')).toBe(12500);
    expect(parseDecimal('1 234,5')).toBe(1234.5);
    expect(parseDecimal('31')).toBe(31);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('abc')).toBeNull();
  });

  it('sends evaluation fields under evaluation and keeps metric ids', () => {
    const values = {
      ...emptyPilotForm('01930000-0000-7000-8000-0000000000aa'),
      title: 'Kokeilu',
      theme: 'leisure',
      municipalityCode: '609',
      results: 'Hyvä',
      metrics: [{ key: 'k', id: 'metric-1', name: 'Kävijät', unit: '', baseline: '0', target: '25', actual: '' }],
    };
    const body = formToPilotBody(values);
    expect(body.evaluation).toEqual({ results: 'Hyvä', impact: null, learnings: null, recommendation: null });
    expect(body.metrics).toEqual([{ id: 'metric-1', name: 'Kävijät', unit: null, baseline: 0, target: 25, actual: null }]);
    expect(body.ownerMemberId).toBe('01930000-0000-7000-8000-0000000000aa');
  });

  it('sends the partnership chosen in the form, or none', () => {
    const values = emptyPilotForm(null);
    expect(formToPilotBody(values).partnershipId).toBeNull();
    expect(formToPilotBody({ ...values, partnershipId: '01930000-0000-7000-8000-0000000000bb' }).partnershipId).toBe(
      '01930000-0000-7000-8000-0000000000bb',
    );
  });
});
