import { create } from 'zustand';
import type { RunDetail, RunProgress, RunSummary } from '../../../shared/contract/runs';
import { getApi } from '../api/client';
import { useApp } from './app';
import { coalesce } from '../lib/coalesce';

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
const refreshList = coalesce(() => useRuns.getState().refresh(), 400);
const detailReloaders = new Map<number, () => void>();
/** Reloads a run's detail at most every 400 ms however fast its generations complete. */
function reloadDetail(id: number): void {
  let f = detailReloaders.get(id);
  if (!f) detailReloaders.set(id, (f = coalesce(() => useRuns.getState().loadDetail(id), 400)));
  f();
}
/**
 * Live runs: progress events update the progress map at once (cheap), and a completed
 * generation — seen as the generation counter moving — reloads that run's detail, so charts
 * grow one generation at a time without refetching per evaluation.
 */
export function startRunsStore(): void {
  if (wired) return;
  wired = true;
  const api = getApi();
  // Progress is drawn once per frame with the latest event of each run.
  let pending: Record<number, RunProgress> | null = null;
  const flush = () => {
    const batch = pending!;
    pending = null;
    useRuns.setState({ progress: { ...useRuns.getState().progress, ...batch } });
  };
  api.on('runProgress', (p) => {
    const s = useRuns.getState();
    const prev = pending?.[p.id] ?? s.progress[p.id];
    if (!pending) {
      pending = {};
      requestAnimationFrame(flush);
    }
    pending[p.id] = p;
    const known = s.list.find((r) => r.id === p.id);
    // The list (status, generations done, best) changes per generation, not per evaluation.
    if (!known || known.status !== p.status || prev?.generation !== p.generation) refreshList();
    const detail = s.details[p.id];
    if (detail && (!prev || prev.generation !== p.generation || detail.generations.length < p.generation - 1)) reloadDetail(p.id);
  });
  api.on('runFinished', (f) => {
    const s = useRuns.getState();
    refreshList();
    if (s.details[f.id]) reloadDetail(f.id);
    if (f.status === 'failed') useApp.getState().notify('error', `Run ${f.id} failed: ${f.error ?? 'unknown error'}`);
  });
  void useRuns.getState().refresh();
}
