/**
 * The background's one message router, as a function of the service and the sender's role, so the
 * sender check is tested like any other logic (check who sent it before acting). Every answer is
 * `Result`-shaped, failures included: a content script never has to catch.
 */
import type { CatalogService } from '../catalog/catalog-service';
import {
  isAllowed,
  type AnswerMap,
  type BackgroundMessage,
  type DocentError,
  type SenderRole,
} from '../messaging';
import { err, ok, type Result } from '../result';

const MAX_KEYS_PER_MESSAGE = 2_000;
const MAX_KEY_LENGTH = 1_000;
const MAX_URL_LENGTH = 4_000;

/** What the router reads besides the catalog: the self-hosted BI hosts' tools (no secret in it). */
export interface RouterDeps {
  biHostTool?(host: string): Promise<string | null>;
  /** Whether a tool is on (the effective `disabledTools` does not name it). */
  toolEnabled?(tool: string): Promise<boolean>;
  /** Injects the doc card's code into the sending frame (the background knows which tab and frame). */
  loadCard?(): Promise<Result<true, DocentError>>;
  /** The content script into the about:blank and srcdoc frames the sender's frame holds (lib/background/after-load.ts). */
  injectFrames?(): Promise<Result<true, DocentError>>;
}

export async function handleBackgroundMessage(
  service: CatalogService,
  message: BackgroundMessage,
  role: SenderRole,
  deps: RouterDeps = {},
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
        ? service.details(message.uniqueId, typeof message.environment === 'string' ? message.environment : undefined)
        : err<DocentError>({ kind: 'unknownModel', message: 'No model id was given.' });
    case 'pageExposures':
      return typeof message.url === 'string' && message.url.length <= MAX_URL_LENGTH
        ? service.exposuresForUrl(message.url)
        : ok([]);
    case 'biHostTool':
      return typeof message.host === 'string' && message.host.length <= MAX_URL_LENGTH && deps.biHostTool
        ? ok(await deps.biHostTool(message.host.toLowerCase()))
        : ok(null);
    case 'toolEnabled':
      // A tool id is short; anything else is not ours to answer, and Docent stays off.
      return typeof message.tool === 'string' && message.tool.length <= 40 && deps.toolEnabled
        ? ok(await deps.toolEnabled(message.tool))
        : ok(false);
    case 'loadCard':
      return deps.loadCard ? deps.loadCard() : err<DocentError>({ kind: 'forbiddenSender', message: 'Docent cannot load the card for this sender.' });
    case 'injectFrames':
      return deps.injectFrames ? deps.injectFrames() : err<DocentError>({ kind: 'forbiddenSender', message: 'Docent cannot reach the frames of this sender.' });
    case 'getStatus':
      return ok(await service.status());
    case 'syncNow':
      // Refresh now, or a Save: read the settings as saved, then page through whatever the version says.
      await service.reconfigure();
      return ok(await service.sync({ force: true }));
    default:
      return err<DocentError>({ kind: 'forbiddenSender', message: 'Docent does not know this message.' });
  }
}

/** Runs the router and turns anything it throws into an error answer, never a rejected promise. */
export async function routeSafely(
  service: CatalogService,
  message: BackgroundMessage,
  role: SenderRole,
  deps: RouterDeps = {},
): Promise<AnswerMap[BackgroundMessage['type']]> {
  try {
    return await handleBackgroundMessage(service, message, role, deps);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return err<DocentError>({ kind: 'invalidResponse', message: `Docent's background failed to answer (${text.slice(0, 200)}).` });
  }
}

const MESSAGE_TYPES: ReadonlySet<string> = new Set(['resolve', 'details', 'pageExposures', 'biHostTool', 'toolEnabled', 'loadCard', 'injectFrames', 'getStatus', 'syncNow']);

/** Tells apart our messages from anything else that arrives on the runtime channel. */
export function isBackgroundMessage(value: unknown): value is BackgroundMessage {
  const type = (value as { type?: unknown } | null)?.type;
  return typeof type === 'string' && MESSAGE_TYPES.has(type);
}
