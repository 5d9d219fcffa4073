import { create } from 'zustand';

/** An individual of a run's generation. */
export interface IndividualRef {
  runId: number;
  generation: number;
  index: number;
}

export const refKey = (r: IndividualRef) => `${r.runId}/${r.generation}/${r.index}`;

interface SelectionState {
  /** The run the Optimize cockpit shows. */
  runId: number | null;
  /** The generation the cockpit's Pareto plot and tables show (null: the latest). */
  generation: number | null;
  /** A second individual drawn on the Inspect chart for comparison. */
  compare: IndividualRef | null;
  setRun(id: number | null): void;
  setGeneration(g: number | null): void;
  setCompare(r: IndividualRef | null): void;
}

export const useSelection = create<SelectionState>()((set) => ({
  runId: null,
  generation: null,
  compare: null,
  setRun: (runId) => set({ runId, generation: null }),
  setGeneration: (generation) => set({ generation }),
  setCompare: (compare) => set({ compare }),
}));
