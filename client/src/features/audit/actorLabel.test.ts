import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n';
import { actorLabel } from './actorLabel';

describe('actorLabel', () => {
  const fi = createI18n('fi').t;
  const en = createI18n('en').t;

  it('shows the actor by name', () => {
    expect(actorLabel({ actorId: '0193a1b2-0000-7000-8000-000000000001', actorName: 'Kaisa Korpela' }, fi)).toBe('Kaisa Korpela');
  });

  it('tells an erased person (id kept, name cleared) from the system, in both languages', () => {
    const erased = { actorId: '0193a1b2-0000-7000-8000-000000000001', actorName: null };
    expect(actorLabel(erased, fi)).toBe('Poistettu henkilö');
    expect(actorLabel(erased, en)).toBe('Erased person');
    expect(actorLabel({ actorId: null, actorName: null }, fi)).toBe('Järjestelmä');
    expect(actorLabel({ actorId: null, actorName: null }, en)).toBe('System');
  });
});
