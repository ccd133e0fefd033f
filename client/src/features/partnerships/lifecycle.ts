import type { PartnershipStatus } from '../../api/types';
import type { LifecycleMoves } from '../../domain/lifecycle';

export type PartnershipMove = Exclude<PartnershipStatus, 'draft'>;

/** The lifecycle: draft → negotiation → active → ended, any open status → cancelled (the API's rules). */
export const partnershipMoves: LifecycleMoves<PartnershipStatus, PartnershipMove> = {
  draft: ['negotiation', 'cancelled'],
  negotiation: ['active', 'cancelled'],
  active: ['ended', 'cancelled'],
  ended: [],
  cancelled: [],
};
