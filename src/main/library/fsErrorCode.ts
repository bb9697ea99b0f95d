// Reads the `code` of a Node file-system error ('ENOENT', 'EXDEV', ...) without trusting its shape.

export function fsErrorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
