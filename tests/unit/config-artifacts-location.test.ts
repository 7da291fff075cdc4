import { describe, expect, it } from 'vitest';
import { artifactsOriginPatterns, parseArtifactsUrl, parseRequestHeader } from '../../lib/config/artifacts-location';

describe('Artifacts URL', () => {
  it('takes a base URL as the folder of all four files', () => {
    expect(parseArtifactsUrl('https://docs.acme.com/dbt/target')).toEqual({
      ok: true,
      value: {
        'manifest.json': 'https://docs.acme.com/dbt/target/manifest.json',
        'run_results.json': 'https://docs.acme.com/dbt/target/run_results.json',
        'catalog.json': 'https://docs.acme.com/dbt/target/catalog.json',
        'sources.json': 'https://docs.acme.com/dbt/target/sources.json',
      },
    });
  });

  it('reads a lone manifest URL as its folder, and signed URLs one file each', () => {
    const lone = parseArtifactsUrl('https://docs.acme.com/target/manifest.json');
    expect(lone.ok && lone.value['sources.json']).toBe('https://docs.acme.com/target/sources.json');
    const signed = parseArtifactsUrl(
      'https://b.s3.amazonaws.com/t/manifest.json?X-Amz-Signature=aa\nhttps://b.s3.amazonaws.com/t/run_results.json?X-Amz-Signature=bb',
    );
    expect(signed).toEqual({
      ok: true,
      value: {
        'manifest.json': 'https://b.s3.amazonaws.com/t/manifest.json?X-Amz-Signature=aa',
        'run_results.json': 'https://b.s3.amazonaws.com/t/run_results.json?X-Amz-Signature=bb',
      },
    });
    expect(artifactsOriginPatterns(signed.ok ? signed.value : {})).toEqual(['https://b.s3.amazonaws.com/*']);
  });

  it('says what is wrong with plain http, credentials in the URL, and a list without manifest.json', () => {
    expect(parseArtifactsUrl('http://docs.acme.com/target/')).toMatchObject({ ok: false, message: expect.stringContaining('https://') });
    expect(parseArtifactsUrl('http://127.0.0.1:8080/target/').ok).toBe(true);
    expect(parseArtifactsUrl('https://me:pw@docs.acme.com/')).toMatchObject({ ok: false, message: expect.stringContaining('Request header') });
    expect(parseArtifactsUrl('https://a.com/x/run_results.json?sig=1 https://a.com/x/catalog.json?sig=2')).toMatchObject({
      ok: false,
      message: expect.stringContaining('must include manifest.json'),
    });
    expect(parseArtifactsUrl('docs.acme.com')).toMatchObject({ ok: false, message: expect.stringContaining('is not a URL') });
  });
});

describe('Request header', () => {
  it('splits Name: value, and refuses anything else', () => {
    expect(parseRequestHeader('Authorization: Bearer abc.def')).toEqual({ ok: true, value: { name: 'Authorization', value: 'Bearer abc.def' } });
    expect(parseRequestHeader('  ')).toEqual({ ok: true, value: null });
    expect(parseRequestHeader('Bearer abc')).toMatchObject({ ok: false, message: expect.stringContaining('Name: value') });
    expect(parseRequestHeader('Bad Name: x')).toMatchObject({ ok: false });
  });
});

describe('settings with the artifacts source', () => {
  it('needs no dbt Cloud fields, only a readable Artifacts URL and header', async () => {
    const { validateForSave, validateSettings } = await import('../../lib/config');
    expect(validateForSave({ source: 'artifacts', artifactsUrl: 'https://docs.acme.com/target/' }).problems).toEqual([]);
    expect(validateForSave({ source: 'artifacts', artifactsUrl: '' }).problems).toEqual([]);
    expect(validateForSave({ source: 'artifacts', artifactsUrl: 'ftp://x', artifactsHeader: 'nope' }).problems.map((p) => p.field)).toEqual([
      'artifactsUrl',
      'artifactsHeader',
    ]);
    // dbt Cloud still needs its own fields, and a broken artifacts field does not block it.
    expect(validateForSave({ source: 'cloud', artifactsUrl: 'ftp://x' }).problems.map((p) => p.field)).toEqual(['accessUrl', 'serviceToken', 'environmentId']);
    expect(validateSettings({ source: 'bucket' }).warnings[0]?.message).toContain('Source must be "cloud" or "artifacts"');
  });

  it('takes source, artifactsUrl and artifactsHeader from policy, and never repeats a header it refused', async () => {
    const { mergePolicy } = await import('../../lib/config');
    const merged = mergePolicy({}, { source: 'artifacts', artifactsUrl: 'https://docs.acme.com/t/', artifactsHeader: 42 });
    expect(merged.settings).toMatchObject({ source: 'artifacts', artifactsUrl: 'https://docs.acme.com/t/', artifactsHeader: '' });
    expect(merged.locked).toEqual(expect.arrayContaining(['source', 'artifactsUrl']));
    expect(merged.warnings[0]?.message).not.toContain('42');
  });
});
