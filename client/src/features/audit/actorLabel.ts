import type { TFunction } from 'i18next';
import type { AuditEntry } from '../../api/types';

/**
 * Who made a change: the actor's name, or, when it was cleared by erasing that person's data (the id stays), that
 * fact, so an erased person's changes are not mistaken for the system's own (which have no actor at all).
 */
export function actorLabel(entry: Pick<AuditEntry, 'actorId' | 'actorName'>, t: TFunction): string {
  return entry.actorName ?? (entry.actorId ? t('audit.erasedActor') : t('audit.system'));
}
