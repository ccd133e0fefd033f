import { describe, expect, it } from 'vitest';
import { emptyEventForm, formToEventBody } from './form';

describe('event form', () => {
  it('sends the partnership and pilot chosen in the form, or none', () => {
    const values = emptyEventForm(null);
    expect(formToEventBody(values)).not.toHaveProperty('partnershipId');
    expect(formToEventBody(values)).not.toHaveProperty('pilotId');
    const linked = { ...values, partnershipId: '01930000-0000-7000-8000-0000000000bb', pilotId: '01930000-0000-7000-8000-0000000000cc' };
    expect(formToEventBody(linked)).toMatchObject({
      partnershipId: '01930000-0000-7000-8000-0000000000bb',
      pilotId: '01930000-0000-7000-8000-0000000000cc',
    });
  });

  it('sends only what was filled in', () => {
    const values = {
      ...emptyEventForm(null),
      title: 'Syysilta Äänekoskella',
      startsAt: '2027-09-16T18:00',
      endsAt: '2027-09-16T20:00',
      municipalityCode: '992',
      organizerIds: ['01930000-0000-7000-8000-0000000000aa'],
      visibility: 'public',
      languages: [],
    };
    expect(formToEventBody(values)).toStrictEqual({
      title: 'Syysilta Äänekoskella',
      startsAt: '2027-09-16T18:00:00+03:00',
      endsAt: '2027-09-16T20:00:00+03:00',
      municipalityCode: '992',
      organizerIds: ['01930000-0000-7000-8000-0000000000aa'],
      visibility: 'public',
    });
  });

  it('sends a venue only when some of it is filled in, its name as null when missing so the API names it', () => {
    const values = { ...emptyEventForm(null), venueStreet: 'Koulukatu 6' };
    expect(formToEventBody(values).venue).toStrictEqual({ name: null, street: 'Koulukatu 6' });
  });
});
