/**
 * The background's message router, as a function of the service and the sender's role, so the
 * sender check is tested like any other logic (Dark Reader: check who sent it before acting).
 */
import {
  isAllowed,
  type AnswerMap,
  type BackgroundMessage,
  type DocentError,
  type SenderRole,
} from '../messaging';
import { err, ok } from '../result';
import type { CatalogService } from './catalog-service';

const MAX_KEYS_PER_MESSAGE = 2_000;
const MAX_KEY_LENGTH = 1_000;

export async function handleBackgroundMessage(
  service: CatalogService,
  message: BackgroundMessage,
  role: SenderRole,
): Promise<AnswerMap[BackgroundMessage['type']]> {
  if (!isAllowed(role, message)) {
    return err<DocentError>({ kind: 'forbiddenSender', message: `Docent does not answer "${message.type}" from this sender.` });
  }
  switch (message.type) {
    case 'resolve': {
      // A page can send anything: bound what the background will look at.
      const keys = Array.isArray(message.keys)
        ? message.keys.filter((k): k is string => typeof k === 'string' && k.length <= MAX_KEY_LENGTH).slice(0, MAX_KEYS_PER_MESSAGE)
        : [];
      return service.resolve(keys);
    }
    case 'details':
      return typeof message.uniqueId === 'string'
        ? service.details(message.uniqueId)
        : err<DocentError>({ kind: 'unknownModel', message: 'No model id was given.' });
    case 'getStatus':
      return ok(await service.status());
    case 'syncNow':
      return ok(await service.sync());
  }
}

/** Tells apart our messages from anything else that arrives on the runtime channel. */
export function isBackgroundMessage(value: unknown): value is BackgroundMessage {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'resolve' || type === 'details' || type === 'getStatus' || type === 'syncNow';
}

