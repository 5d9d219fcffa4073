import { create } from 'zustand';
import type { DatasetInfo, ImportProgress } from '../../../shared/contract/data';
import { getApi } from '../api/client';
import { useApp } from './app';

interface DatasetsState {
  list: DatasetInfo[];
  loaded: boolean;
  /** The running import's latest progress (null when none). */
  progress: ImportProgress | null;
  refresh(): Promise<void>;
}

export const useDatasets = create<DatasetsState>()((set) => ({
  list: [],
  loaded: false,
  progress: null,
  refresh: async () => {
    try {
      set({ list: await getApi().listDatasets({}), loaded: true });
    } catch (err) {
      useApp.getState().notify('error', `Datasets: ${(err as Error).message}`);
    }
  },
}));

let wired = false;
/** Subscribes the store to backend events once; the list follows imports from any client. */
export function startDatasetsStore(): void {
  if (wired) return;
  wired = true;
  const api = getApi();
  api.on('datasetsChanged', ({ datasets }) => useDatasets.setState({ list: datasets, loaded: true }));
  api.on('importProgress', (p) => useDatasets.setState({ progress: p.done ? null : p }));
  void useDatasets.getState().refresh();
}

export const datasetKey = (d: Pick<DatasetInfo, 'symbol' | 'timeframe'>) => `${d.symbol}/${d.timeframe}`;
