import { describe, expect, it, vi } from 'vitest';
import { keepFromContentScripts } from '../../lib/background/storage-access';

describe('storage.local closed to content scripts', () => {
  it('asks the browser for trusted contexts only where it can', async () => {
    const setAccessLevel = vi.fn(async () => {});
    expect(await keepFromContentScripts({ setAccessLevel })).toBe('restricted');
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
  });

  it('changes nothing where the browser has no such call (Firefox supports it on session only)', async () => {
    expect(await keepFromContentScripts({})).toBe('unsupported');
    expect(await keepFromContentScripts(undefined)).toBe('unsupported');
  });

  it('never throws when the browser refuses, synchronously or not', async () => {
    expect(await keepFromContentScripts({ setAccessLevel: () => Promise.reject(new Error('nope')) })).toBe('refused');
    expect(await keepFromContentScripts({ setAccessLevel: () => { throw new Error('nope'); } })).toBe('refused');
  });
});
