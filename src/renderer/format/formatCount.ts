// Counts with thousands separators in the user's locale: 10,000.
const nf = new Intl.NumberFormat();
export const formatCount = (n: number): string => nf.format(n);
