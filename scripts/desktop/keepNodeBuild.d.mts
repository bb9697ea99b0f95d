// Types for keepNodeBuild.mjs.
export function keepNodeBuild<T>(releaseDir: string, step: () => T | Promise<T>): Promise<T>;
