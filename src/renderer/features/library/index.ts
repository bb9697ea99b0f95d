export { ImportFolderCard } from './ImportFolderCard';
export { LibraryPage } from './LibraryPage';
export { ReconcileCard } from './ReconcileCard';
export { useImportJobStore, type JobProgress } from './importJobStore';
export { LIBRARY_KEY } from './libraryKeys';
