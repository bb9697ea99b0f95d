// Query keys of the Library: everything under one prefix, so live updates can refresh what is on screen.
export const LIBRARY_KEY = 'library';
