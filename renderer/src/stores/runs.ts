import { create } from 'zustand';
import type { RunDetail, RunProgress, RunSummary } from '../../../shared/contract/runs';
import { getApi } from '../api/client';
import { useApp } from './app';

interface RunsState {
  list: RunSummary[];
  loaded: boolean;
  /** Latest progress event per run id (live runs only). */
  progress: Record<number, RunProgress>;
  /** Loaded run details by id; refreshed when a generation completes. */
  details: Record<number, RunDetail>;
  refresh(): Promise<void>;
  loadDetail(id: number): Promise<RunDetail | null>;
}

export const useRuns = create<RunsState>()((set, get) => ({
  list: [],
  loaded: false,
  progress: {},
  details: {},
  refresh: async () => {
    try {
      set({ list: await getApi().listRuns({}), loaded: true });
    } catch (err) {
      useApp.getState().notify('error', `Runs: ${(err as Error).message}`);
    }
  },
  loadDetail: async (id) => {
    try {
      const d = await getApi().getRun({ id });
      set({ details: { ...get().details, [id]: d } });
      return d;
    } catch (err) {
      useApp.getState().notify('error', `Run ${id}: ${(err as Error).message}`);
      return null;
    }
  },
}));

let wired = false;
/**
 * Live runs: progress events update the progress map at once (cheap), and a completed
 * generation — seen as the generation counter moving — reloads that run's detail, so charts
 * grow one generation at a time without refetching per evaluation.
 */
export function startRunsStore(): void {
  if (wired) return;
  wired = true;
  const api = getApi();
  api.on('runProgress', (p) => {
    const s = useRuns.getState();
    const prev = s.progress[p.id];
    useRuns.setState({ progress: { ...s.progress, [p.id]: p } });
    const known = s.list.find((r) => r.id === p.id);
    // The list (status, generations done, best) changes per generation, not per evaluation.
    if (!known || known.status !== p.status || prev?.generation !== p.generation) void s.refresh();
    const detail = s.details[p.id];
    if (detail && (!prev || prev.generation !== p.generation || detail.generations.length < p.generation - 1)) void s.loadDetail(p.id);
  });
  api.on('runFinished', (f) => {
    const s = useRuns.getState();
    void s.refresh();
    if (s.details[f.id]) void s.loadDetail(f.id);
    if (f.status === 'failed') useApp.getState().notify('error', `Run ${f.id} failed: ${f.error ?? 'unknown error'}`);
  });
  void useRuns.getState().refresh();
}
