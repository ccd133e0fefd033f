import { describe, expect, it } from 'vitest';
import { inputLimits } from './inputLimits';
import { limits } from './limits';

describe('inputLimits', () => {
  it('gives an input the limits openapi.yaml states for its field', () => {
    expect(inputLimits(limits.MemberInput, 'name')).toStrictEqual({ required: true, maxLength: 200 });
    expect(inputLimits(limits.MemberInput, 'address.street')).toStrictEqual({ maxLength: 200 });
    expect(inputLimits(limits.MemberInput, 'businessId')).toStrictEqual({});
  });

  it('reads a list item by its list', () => {
    expect(inputLimits(limits.PartnershipInput, 'parties.1.responsibilities')).toStrictEqual({ maxLength: 1000 });
    expect(inputLimits(limits.PartnershipReviewInput, 'goalProgress.0.progress')).toStrictEqual({ required: true, min: 0, max: 100 });
  });

  it('gives nothing without limits or for a field they do not name', () => {
    expect(inputLimits(undefined, 'name')).toStrictEqual({});
    expect(inputLimits(limits.MemberInput, 'nothing')).toStrictEqual({});
  });
});
