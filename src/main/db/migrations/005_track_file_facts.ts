// Frozen: never edit a shipped migration; add a new numbered one instead.
// Import facts per track: where its artist/album came from ('tags', 'folder' = inferred from Artist/Album/file,
// 'none'), and the file's modification time when it was last probed, so a re-import can tell unchanged files
// from updated ones without decoding them again.
export const migration005 = `
ALTER TABLE tracks ADD COLUMN metadata_source TEXT;
ALTER TABLE tracks ADD COLUMN file_mtime_ms INTEGER;
`;
