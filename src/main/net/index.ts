// Public face of net/: the HTTP client every service client uses (timeouts, retries with backoff, Retry-After),
// and the one streamed download into a part file (Range resume checked by If-Range, idle timeout, fresh URLs).
export * from './http';
export {
  streamToPart,
  discardPart,
  resumeRecordPath,
  parseContentRange,
  RESUME_RECORD_SUFFIX,
  type StreamToPartOptions,
  type StreamedPart,
} from './streamToPart';
