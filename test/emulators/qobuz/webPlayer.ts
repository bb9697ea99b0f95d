// The emulated play.qobuz.com: a login page naming a versioned bundle, and a bundle shaped like the real one
// (appId with a decoy appSecret, initialSeed calls, timezone info/extras, privateKey).
import { createHash } from 'node:crypto';

export interface BundleSpec {
  appId: string;
  /** The live signing secret (32 hex), encoded in the second seed/timezone pair. */
  secret: string;
  /** A different secret encoded in the first pair (as in the real bundle, it does not sign). */
  otherSecret: string;
  /** The literal appSecret beside appId: never the signing secret. */
  decoySecret: string;
  privateKey: string;
  /** Put the live secret in the first pair instead (forces a client to try more than one candidate). */
  liveSecretFirst?: boolean;
}

export function loginPageHtml(version: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Qobuz Web Player</title>
<link rel="stylesheet" href="/resources/${version}/bundle.css"></head>
<body><div id="root"></div>
<script src="/resources/${version}/vendor.js"></script>
<script src="/resources/${version}/bundle.js"></script>
</body></html>`;
}

/** Splits base64(secret) + 44 noise characters into seed, info and extras so the known recipe recovers it. */
function encodeSecret(secret: string, salt: string): { seed: string; info: string; extras: string } {
  const b64 = Buffer.from(secret, 'utf8').toString('base64');
  const noise = createHash('sha512').update(salt).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 44).padEnd(44, 'Q');
  const all = b64 + noise;
  const a = Math.floor(all.length / 3);
  return { seed: all.slice(0, a), info: all.slice(a, 2 * a), extras: all.slice(2 * a) };
}

export function bundleJs(spec: BundleSpec): string {
  const [first, second] = spec.liveSecretFirst ? [spec.secret, spec.otherSecret] : [spec.otherSecret, spec.secret];
  const london = encodeSecret(first, 'london');
  const berlin = encodeSecret(second, 'berlin');
  // A fake third timezone with a seed only: yields no usable candidate, as happens in the wild.
  return [
    '/*! Qobuz Web Player */',
    '(window.webpackJsonp=window.webpackJsonp||[]).push([[1],{',
    `4711:function(e,t,n){"use strict";var r=n(12);t.default={production:{api:{appId:"${spec.appId}",appSecret:"${spec.decoySecret}"},braze:r.a(r.b({},o),{},{apiKey:"0b1f6c9e-7f6a-4a25-9d8e-1b2c3d4e5f60"}),extra:i}};`,
    `var oauth={clientId:"qbz-web",privateKey:"${spec.privateKey}",scope:"user"};`,
    '},',
    `4712:function(e,t,n){var o=n(3);o.initialSeed("${london.seed}",window.utimezone.london);`,
    `var l=n(4);l.initialSeed("${berlin.seed}",window.utimezone.berlin);`,
    'var q=n(5);q.initialSeed("c2VlZG9ubHk=",window.utimezone.algiers)},',
    '4713:function(e,t){e.exports={timezones:[',
    `{offset:"GMT",name:"Europe/London",info:"${london.info}",extras:"${london.extras}"},`,
    `{offset:"GMT+01:00",name:"Europe/Berlin",info:"${berlin.info}",extras:"${berlin.extras}"},`,
    '{offset:"GMT+01:00",name:"Africa/Lagos",info:"bm90aGluZw==",extras:"aGVyZQ=="}',
    ']}}}]);',
  ].join('\n');
}
