import { describe, expect, it } from 'vitest';
import { findBundleScript, parseQobuzBundle, parseQobuzWebPlayer } from './bundle';
import { QobuzError } from './qobuzError';

const LIVE = 'c825fa30896f11e7bb31be2e44b06b34';
const OTHER = '10b251c286cfbf64d6b7105f253d9a2e';
const DECOY = 'ffffffffffffffffffffffffffffffff';

/** base64(secret) followed by 44 noise characters, cut into seed / info / extras at arbitrary points. */
function pieces(secret: string, noise: string): [string, string, string] {
  const all = Buffer.from(secret).toString('base64') + noise.repeat(44).slice(0, 44);
  return [all.slice(0, 20), all.slice(20, 50), all.slice(50)];
}

function syntheticBundle(): string {
  const [s1, i1, e1] = pieces(OTHER, 'A');
  const [s2, i2, e2] = pieces(LIVE, 'B');
  return [
    `x={production:{api:{appId:"798273057",appSecret:"${DECOY}"},braze:{}}};`,
    `a.initialSeed("${s1}",window.utimezone.london);b.initialSeed("${s2}",window.utimezone.berlin);`,
    `z=[{offset:"GMT",name:"Europe/London",info:"${i1}",extras:"${e1}"},`,
    `{offset:"GMT+01:00",name:"Europe/Berlin",info:"${i2}",extras:"${e2}"}];`,
    'auth={privateKey: "Pk2026abcd"};',
  ].join('\n');
}

describe('findBundleScript', () => {
  it('finds the versioned bundle among other scripts', () => {
    const html = '<script src="/resources/7.1.2-b011/vendor.js"></script><script src="/resources/7.1.2-b011/bundle.js"></script>';
    expect(findBundleScript(html)).toEqual({ path: '/resources/7.1.2-b011/bundle.js', version: '7.1.2-b011' });
  });

  it('fails with a discovery error when the page has no bundle', () => {
    expect(() => findBundleScript('<html>maintenance</html>')).toThrow(QobuzError);
  });
});

describe('parseQobuzBundle', () => {
  it('derives the secrets, live (second seed) first, never the literal appSecret', () => {
    const parsed = parseQobuzBundle(syntheticBundle());
    expect(parsed.appId).toBe('798273057');
    expect(parsed.secrets).toEqual([LIVE, OTHER]);
    expect(parsed.secrets).not.toContain(DECOY);
    expect(parsed.privateKey).toBe('Pk2026abcd');
  });

  it('combines with the login page into one record', () => {
    const info = parseQobuzWebPlayer('<script src="/resources/8.0.0-a001/bundle.js"></script>', syntheticBundle());
    expect(info).toMatchObject({ version: '8.0.0-a001', appId: '798273057', secrets: [LIVE, OTHER] });
  });

  it('fails loudly when the bundle changed shape', () => {
    expect(() => parseQobuzBundle('x={production:{api:{appId:"798273057",appSecret:"' + DECOY + '"}}}')).toThrow(/signing secret/);
    expect(() => parseQobuzBundle(syntheticBundle().replace('appId', 'applicationId'))).toThrow(/app_id/);
  });
});
