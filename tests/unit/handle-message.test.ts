import { describe, expect, it, vi } from 'vitest';
import type { CatalogService } from '../../lib/catalog/catalog-service';
import { handleBackgroundMessage, isBackgroundMessage } from '../../lib/background/router';
import { INITIAL_SYNC_STATUS } from '../../lib/catalog/sync-status';
import { classifySender } from '../../lib/messaging';
import { ok } from '../../lib/result';

function fakeService(): CatalogService {
  return {
    resolve: vi.fn(async () => ok([])),
    details: vi.fn(async () => ok({} as never)),
    sync: vi.fn(async () => INITIAL_SYNC_STATUS),
    status: vi.fn(async () => INITIAL_SYNC_STATUS),
    exposuresForUrl: vi.fn(async () => ok([])),
    reconfigure: vi.fn(async () => ({ changed: [] })),
    environments: vi.fn(async () => []),
  };
}

const ID = 'godpidnacghnldbkgeajmnlhhlepojga';
const ORIGIN = `chrome-extension://${ID}/`;

describe('classifySender', () => {
  it('tells our pages, our content scripts and strangers apart', () => {
    expect(classifySender({ id: ID, url: `${ORIGIN}popup.html` }, ID, ORIGIN)).toBe('extensionPage');
    expect(classifySender({ id: ID, url: 'https://app.mode.com/acme/reports/1', tab: { id: 3 } as never }, ID, ORIGIN)).toBe('contentScript');
    expect(classifySender({ id: 'someotherextension', url: `${ORIGIN}popup.html` }, ID, ORIGIN)).toBe('foreign');
  });
});

describe('handleBackgroundMessage', () => {
  it('lets a content script resolve names but never start a sync', async () => {
    const service = fakeService();
    expect((await handleBackgroundMessage(service, { type: 'resolve', keys: ['marts.orders'] }, 'contentScript')).ok).toBe(true);
    const answer = await handleBackgroundMessage(service, { type: 'syncNow' }, 'contentScript');
    expect(answer.ok || answer.error.kind).toBe('forbiddenSender');
    expect(service.sync).not.toHaveBeenCalled();
  });

  it("tells a content script its self-hosted host's tool, and a stranger nothing", async () => {
    const service = fakeService();
    const biHostTool = vi.fn(async (host: string) => (host === 'metabase.acme.com' ? 'metabase' : null));
    expect(await handleBackgroundMessage(service, { type: 'biHostTool', host: 'Metabase.Acme.com' }, 'contentScript', { biHostTool })).toEqual(ok('metabase'));
    expect(await handleBackgroundMessage(service, { type: 'biHostTool', host: 'other.acme.com' }, 'contentScript', { biHostTool })).toEqual(ok(null));
    const foreign = await handleBackgroundMessage(service, { type: 'biHostTool', host: 'metabase.acme.com' }, 'foreign', { biHostTool });
    expect(foreign.ok).toBe(false);
    expect(isBackgroundMessage({ type: 'biHostTool', host: 'x' })).toBe(true);
  });

  it('tells a content script whether its SaaS tool is on, and a stranger nothing', async () => {
    const service = fakeService();
    const toolEnabled = vi.fn(async (tool: string) => tool !== 'hex');
    expect(await handleBackgroundMessage(service, { type: 'toolEnabled', tool: 'looker' }, 'contentScript', { toolEnabled })).toEqual(ok(true));
    expect(await handleBackgroundMessage(service, { type: 'toolEnabled', tool: 'hex' }, 'contentScript', { toolEnabled })).toEqual(ok(false));
    expect(await handleBackgroundMessage(service, { type: 'toolEnabled', tool: 'x'.repeat(500) }, 'contentScript', { toolEnabled })).toEqual(ok(false));
    expect((await handleBackgroundMessage(service, { type: 'toolEnabled', tool: 'looker' }, 'foreign', { toolEnabled })).ok).toBe(false);
    expect(isBackgroundMessage({ type: 'toolEnabled', tool: 'looker' })).toBe(true);
  });

  it("injects the doc card's code for a content script only", async () => {
    const service = fakeService();
    const loadCard = vi.fn(async () => ok(true as const));
    expect(await handleBackgroundMessage(service, { type: 'loadCard' }, 'contentScript', { loadCard })).toEqual(ok(true));
    expect((await handleBackgroundMessage(service, { type: 'loadCard' }, 'foreign', { loadCard })).ok).toBe(false);
    expect(loadCard).toHaveBeenCalledTimes(1);
    expect(isBackgroundMessage({ type: 'loadCard' })).toBe(true);
  });

  it('answers nothing to a foreign sender', async () => {
    const service = fakeService();
    const answer = await handleBackgroundMessage(service, { type: 'resolve', keys: ['a.b'] }, 'foreign');
    expect(answer.ok).toBe(false);
    expect(service.resolve).not.toHaveBeenCalled();
  });

  it('bounds what a page can ask for', async () => {
    const service = fakeService();
    const keys = [...Array.from({ length: 5000 }, (_, i) => `s.t${i}`), 42, 'x'.repeat(5000)] as string[];
    await handleBackgroundMessage(service, { type: 'resolve', keys }, 'contentScript');
    const sent = vi.mocked(service.resolve).mock.calls[0]![0];
    expect(sent).toHaveLength(2000);
    expect(sent.every((k) => typeof k === 'string' && k.length < 100)).toBe(true);
  });

  it('recognises only its own message types', () => {
    expect(isBackgroundMessage({ type: 'syncNow' })).toBe(true);
    expect(isBackgroundMessage({ type: 'listMatches' })).toBe(false);
    expect(isBackgroundMessage('resolve')).toBe(false);
  });
});
