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
    expect(body.evaluation).toStrictEqual({ results: 'Hyvä' });
    expect(body.metrics).toStrictEqual([{ id: 'metric-1', name: 'Kävijät', baseline: 0, target: 25 }]);
    expect(body.ownerMemberId).toBe('01930000-0000-7000-8000-0000000000aa');
  });

  it('sends only what was filled in: no evaluation, team, dates or budget when they are empty', () => {
    const values = { ...emptyPilotForm('01930000-0000-7000-8000-0000000000aa'), title: 'Kesäkahvila', theme: 'work', municipalityCode: '564', metrics: [] };
    expect(formToPilotBody(values)).toStrictEqual({
      title: 'Kesäkahvila',
      theme: 'work',
      municipalityCode: '564',
      ownerMemberId: '01930000-0000-7000-8000-0000000000aa',
    });
  });

  it('sends the partnership chosen in the form, or none', () => {
    const values = emptyPilotForm(null);
    expect(formToPilotBody(values)).not.toHaveProperty('partnershipId');
    expect(formToPilotBody({ ...values, partnershipId: '01930000-0000-7000-8000-0000000000bb' }).partnershipId).toBe(
      '01930000-0000-7000-8000-0000000000bb',
    );
  });
});
