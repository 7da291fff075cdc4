import { afterEach, describe, expect, it } from 'vitest';
import { pageThemeAt, parseCssColor } from '../../lib/overlay/page-theme';

afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('style');
});

describe('parseCssColor', () => {
  it.each([
    ['rgb(255, 255, 255)', { r: 255, g: 255, b: 255, a: 1 }],
    ['rgba(0, 0, 0, 0)', { r: 0, g: 0, b: 0, a: 0 }],
    ['rgb(30 30 30 / 50%)', { r: 30, g: 30, b: 30, a: 0.5 }],
    ['transparent', null],
  ])('reads %s', (text, rgba) => {
    expect(parseCssColor(text)).toEqual(rgba);
  });
});

describe('pageThemeAt: the page where the badge sits, not the reader\'s system', () => {
  const badgeIn = (html: string) => {
    document.body.innerHTML = html;
    return document.querySelector('#badge')!;
  };

  it('is dark inside a dark dashboard card on a light page', () => {
    const badge = badgeIn('<div style="background-color: rgb(255, 255, 255)"><div style="background-color: rgb(22, 27, 34)"><span><b id="badge"></b></span></div></div>');
    expect(pageThemeAt(badge, window)).toBe('dark');
  });

  it('is light inside a light panel on a dark page', () => {
    const badge = badgeIn('<div style="background-color: rgb(13, 17, 23)"><div style="background-color: rgb(246, 248, 250)"><b id="badge"></b></div></div>');
    expect(pageThemeAt(badge, window)).toBe('light');
  });

  it('skips see-through backgrounds', () => {
    const badge = badgeIn('<div style="background-color: rgb(20, 20, 20)"><div style="background-color: rgba(255, 255, 255, 0.05)"><b id="badge"></b></div></div>');
    expect(pageThemeAt(badge, window)).toBe('dark');
  });

  it('steps out of a shadow root to its host', () => {
    document.body.innerHTML = '<div id="host" style="background-color: rgb(10, 10, 10)"></div>';
    const root = document.querySelector('#host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<b id="badge"></b>';
    expect(pageThemeAt(root.querySelector('#badge')!, window)).toBe('dark');
  });

  it('falls back to the page\'s color-scheme when nothing has a background', () => {
    const badge = badgeIn('<b id="badge"></b>');
    expect(pageThemeAt(badge, window)).toBe('light');
    document.documentElement.style.colorScheme = 'dark';
    expect(pageThemeAt(badge, window)).toBe('dark');
  });
});
