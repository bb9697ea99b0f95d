// `engines` states the truth: every package the lockfile installs accepts every Node version package.json
// accepts (checked at the lowest version of each range it names), so `npm install` on any of them warns about
// no engine. The ranges of several dependencies skip odd or early releases (22.12, 23.x), which is why ours does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; optional?: boolean; cpu?: string[]; engines?: Record<string, string> | string[] }>;
};
/** The machines Cassette is built for; an optional per-platform binary for another (32-bit Windows) never installs. */
const TARGET_CPUS = ['x64', 'arm64'];
const installsOnTargets = (p: { optional?: boolean; cpu?: string[] }) => !p.optional || !p.cpu || p.cpu.some((c) => TARGET_CPUS.includes(c));

/** The lowest version of each `||` branch of a range: where a narrower dependency range would show first. */
const lowestOfEachBranch = (range: string) => new semver.Range(range).set.map((comparators) => semver.minVersion(comparators.map((c) => c.value).join(' '))!.version);

describe('engines', () => {
  const ours = pkg.engines.node;
  const versions = [...lowestOfEachBranch(ours), '24.11.0', '25.0.0'];

  it('names real, increasing Node versions', () => {
    expect(versions.every((v) => semver.satisfies(v, ours))).toBe(true);
    expect(versions[0]).toBe('20.19.0');
  });

  it.each(versions)('every locked package accepts Node %s', (version) => {
    const refusing = Object.entries(lock.packages)
      .filter(([path, p]) => path && installsOnTargets(p) && p.engines && !Array.isArray(p.engines) && p.engines.node && !semver.satisfies(version, p.engines.node))
      .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')}@${p.version} wants ${(p.engines as Record<string, string>).node}`);
    expect(refusing).toEqual([]);
  });

  it('the package lock records the same engines as package.json', () => {
    expect(lock.packages['']?.engines).toEqual(pkg.engines);
  });
});
