// A planned path shown under the folder it goes into ("Artist/Album/01 - Title.mp3"); other paths stay whole.
export function relativeToFolder(path: string, folder: string): string {
  const base = folder.replace(/[/\\]+$/, '');
  if (base && path.startsWith(base) && (path[base.length] === '/' || path[base.length] === '\\')) return path.slice(base.length + 1);
  return path;
}
