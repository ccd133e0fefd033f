import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/problem';
import { ApiErrorMessage } from './ApiErrorMessage';
import { ConfirmButton } from './ConfirmButton';
import { ConflictNotice } from './ConflictNotice';
import { TextField } from './fields';

/** A lifecycle move that cannot be undone (cancel, discontinue): it asks once more before it runs. */
export interface FinalMove<M extends string> {
  to: M;
  label: string;
  confirmLabel: string;
  question: string;
}

/**
 * The lifecycle moves the API allows now, as buttons, with an optional note for the history, a
 * "someone else changed this" notice on 412 and the server's message on any other refusal.
 */
export function TransitionPanel<M extends string>({
  moves,
  moveLabel,
  finalMove,
  noMovesText,
  hint,
  note,
  mutation,
  onMove,
  onReload,
  refusal,
}: {
  moves: readonly M[];
  moveLabel: (to: M) => string;
  finalMove?: FinalMove<M>;
  noMovesText: string;
  hint?: string | null;
  /** When given, a note field whose text goes with the move. */
  note?: { id: string; label: string };
  mutation: { isPending: boolean; error: unknown; reset: () => void };
  /** Runs the move; call `done` when it succeeded so the note is cleared. */
  onMove: (to: M, note: string | null, done: () => void) => void;
  onReload: () => void;
  /** How the feature shows a refusal of its own (e.g. a 409 with the rule that refused), or null for the default. */
  refusal?: (error: ApiError) => ReactNode | null;
}) {
  const [text, setText] = useState('');
  if (moves.length === 0) return <p className="hint">{noMovesText}</p>;
  const run = (to: M) => onMove(to, text.trim() || null, () => setText(''));
  const error = mutation.error;
  const custom = error instanceof ApiError && !error.isPreconditionFailed && refusal ? refusal(error) : null;
  return (
    <div className="transitions">
      {hint ? <p className="hint">{hint}</p> : null}
      {note ? <TextField id={note.id} label={note.label} value={text} onChange={(e) => setText(e.target.value)} /> : null}
      <div className="actions">
        {moves.map((to) =>
          finalMove && to === finalMove.to ? (
            <ConfirmButton
              key={to}
              label={finalMove.label}
              confirmLabel={finalMove.confirmLabel}
              question={finalMove.question}
              busy={mutation.isPending}
              onConfirm={() => run(to)}
            />
          ) : (
            <button key={to} type="button" className="button" disabled={mutation.isPending} onClick={() => run(to)}>
              {moveLabel(to)}
            </button>
          ),
        )}
      </div>
      {error instanceof ApiError && error.isPreconditionFailed ? (
        <ConflictNotice
          onReload={() => {
            mutation.reset();
            onReload();
          }}
        />
      ) : custom ? (
        custom
      ) : error ? (
        <ApiErrorMessage error={error} />
      ) : null}
    </div>
  );
}
