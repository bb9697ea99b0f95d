// For tests that drive the token endpoint by hand.
import { createHash } from 'node:crypto';

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}
