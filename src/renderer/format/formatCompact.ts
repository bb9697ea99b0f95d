// Short counts for tight spots (badges): 950, 10K, 1.2M.
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
export const formatCompact = (n: number): string => compact.format(n);
