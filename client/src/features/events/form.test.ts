import { describe, expect, it } from 'vitest';
import { emptyEventForm, formToEventBody } from './form';

describe('event form', () => {
  it('sends the partnership and pilot chosen in the form, or none', () => {
    const values = emptyEventForm(null);
    expect(formToEventBody(values)).toMatchObject({ partnershipId: null, pilotId: null });
    const linked = { ...values, partnershipId: '01930000-0000-7000-8000-0000000000bb', pilotId: '01930000-0000-7000-8000-0000000000cc' };
    expect(formToEventBody(linked)).toMatchObject({
      partnershipId: '01930000-0000-7000-8000-0000000000bb',
      pilotId: '01930000-0000-7000-8000-0000000000cc',
    });
  });
});
