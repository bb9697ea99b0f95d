// Public face of net/: the HTTP client every service client uses (timeouts, retries with backoff, Retry-After).
export * from './http';
