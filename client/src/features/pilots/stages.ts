import type { PilotStage } from '../../api/types';
import type { LifecycleMoves } from '../../domain/lifecycle';

export type PilotMove = Exclude<PilotStage, 'idea'>;

/**
 * The pilot lifecycle as the API enforces it: idea → decided → preparing → running → evaluating →
 * adopted | discontinued, and any open stage may be discontinued. Leaving `evaluating` needs
 * `evaluation.results` (the API answers 409 otherwise).
 */
export const pilotMoves: LifecycleMoves<PilotStage, PilotMove> = {
  idea: ['decided', 'discontinued'],
  decided: ['preparing', 'discontinued'],
  preparing: ['running', 'discontinued'],
  running: ['evaluating', 'discontinued'],
  evaluating: ['adopted', 'discontinued'],
  adopted: [],
  discontinued: [],
};

/** The forward move of a stage (the board's one-click move), if there is one. */
export function nextStage(stage: PilotStage): PilotMove | null {
  return pilotMoves[stage].find((s) => s !== 'discontinued') ?? null;
}
