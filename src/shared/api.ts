// The transport-independent client API the renderer and tests use: call a method, listen to an event.
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from './contract';
import type { Result } from './result';

export interface CassetteApi {
  call<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
