import type { Health } from '../lib/catalog/types';

/** Colour and shape both carry the verdict, so it reads without colour vision too. */
export const HEALTH_STYLE: Record<Health, { color: string; label: string; glyph: string }> = {
  healthy: { color: '#1a7f37', label: 'healthy', glyph: '✓' },
  caution: { color: '#9a6700', label: 'caution', glyph: '!' },
  degraded: { color: '#cf222e', label: 'degraded', glyph: '✕' },
  unknown: { color: '#6e7781', label: 'unknown', glyph: '?' },
};

export function HealthIcon({ health, size = 14 }: { health: Health; size?: number }) {
  const style = HEALTH_STYLE[health];
  return (
    <span
      aria-hidden="true"
      class={`docent-health docent-health-${health}`}
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        width: `${size}px`,
        height: `${size}px`,
        borderRadius: '50%',
        background: style.color,
        color: '#fff',
        fontSize: `${Math.round(size * 0.7)}px`,
        fontWeight: 700,
        lineHeight: 1,
        fontFamily: 'system-ui, sans-serif',
        flex: 'none',
      }}
    >
      {style.glyph}
    </span>
  );
}
