/**
 * A lifecycle as the API enforces it: for each status, the statuses a move may go to (the API answers
 * 409 to anything else). Every feature names its map `<feature>Moves`; a status with no moves is final.
 */
export type LifecycleMoves<S extends string, M extends S = S> = Readonly<Record<S, readonly M[]>>;

export function isFinal<S extends string, M extends S>(moves: LifecycleMoves<S, M>, status: S): boolean {
  return moves[status].length === 0;
}
