import type { EventName, Events } from '../../shared/contract/index';
import type { PayloadOf } from '../../shared/contract/define';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Fan-out of contract events from services to every transport that listens. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: PayloadOf<Events[E]>): void {
    for (const l of this.listeners) l(name, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
