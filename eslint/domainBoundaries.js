// Lint rule `cassette/domain-boundaries`: the map's rules for src/main, checked on every relative import.
// - A unit is a folder of src/main (a domain such as catalog/ or queue/, base/, core/, electron/) or one flow
//   (flows/<name>/). Outside its own unit, a file imports a unit only through its public face (its index.ts).
// - Arrows point down: hosts → core → flows → domains → base. base/ imports no other unit; a domain never
//   imports core/, a flow or electron/; a flow never imports core/.
// Tests (*.test.ts) may reach inside the unit they test.
import { dirname, relative, resolve, sep } from 'node:path';

const MAIN = resolve('src/main');
const LAYER = { base: 0, domain: 1, flow: 2, core: 3, electron: 4 };

/** The unit a path of src/main belongs to ({name, root, layer}), or undefined outside src/main. */
function unitOf(absPath) {
  const rel = relative(MAIN, absPath);
  if (rel.startsWith('..') || rel === '') return undefined;
  const parts = rel.split(sep);
  const [top, second] = parts;
  if (parts.length === 1 && /^index(\.tsx?)?$/.test(top)) return { name: 'electron', root: resolve(MAIN, 'electron'), layer: LAYER.electron }; // the shell's entry
  if (top === 'flows' && second) return { name: `flows/${second}`, root: resolve(MAIN, 'flows', second), layer: LAYER.flow };
  const layer = top === 'base' ? LAYER.base : top === 'core' ? LAYER.core : top === 'electron' ? LAYER.electron : LAYER.domain;
  return { name: top, root: resolve(MAIN, top), layer };
}

function isPublicFace(target, unit) {
  const noExt = target.replace(/\.(ts|tsx|js|mjs)$/, '');
  return noExt === unit.root || noExt === resolve(unit.root, 'index');
}

export const domainBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Units of src/main import each other only through index.ts, and only downwards.' },
    messages: {
      deep: "'{{spec}}' reaches inside {{unit}}/: import it through {{unit}}/index.ts (add the export there).",
      upward: "{{from}} may not import {{unit}}/ (arrows point down: hosts → core → flows → domains → base).",
    },
    schema: [],
  },
  create(context) {
    const file = resolve(context.filename);
    if (/\.test\.tsx?$/.test(file)) return {};
    const from = unitOf(file);
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolve(dirname(file), spec);
      const to = unitOf(target);
      if (!to || (from && to.name === from.name)) return;
      if (!isPublicFace(target, to)) {
        context.report({ node, messageId: 'deep', data: { spec, unit: to.name } });
        return;
      }
      if (!from) return; // hosts (server, cli, preload) may use any public face
      const upward = to.layer > from.layer || (from.layer === LAYER.domain && to.layer === LAYER.flow) || (from.layer === LAYER.base && to.layer !== LAYER.base);
      if (upward) context.report({ node, messageId: 'upward', data: { from: `${from.name}/`, unit: to.name } });
    };
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source, n.source.value),
    };
  },
};

export default { rules: { 'domain-boundaries': domainBoundaries } };
